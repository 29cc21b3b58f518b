/**
 * Where local file work skips libuv's thread pool. An asynchronous fs call is a round trip
 * through the pool: a hand-over to a worker thread and a wake-up of the event loop. For a
 * call that takes microseconds (an lstat, opening an existing file, reading or writing a
 * few KiB of page cache, closing) that round trip costs more than the call itself; on the
 * 2-core benchmark machine it was a fifth of a small-file transfer's CPU time. Such calls
 * are made synchronously for small files. Creating a small file is synchronous too: four
 * pool threads creating files in one folder at once contend for the folder's lock, and
 * one at a time measured faster (6 % on ext4, 4 % on tmpfs, 2,000 files of 8 KiB).
 * What waits for the disk (fsync, large reads and writes) stays asynchronous, so a slow
 * disk does not stall the event loop for long.
 */

/** Files up to this size (what is left to transfer) are read or written synchronously. */
export const SMALL_FILE_BYTES = 256 * 1024;
