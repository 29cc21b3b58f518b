/**
 * Where local file work skips libuv's thread pool. An asynchronous fs call is a round trip
 * through the pool: a hand-over to a worker thread and a wake-up of the event loop. For a
 * call that takes microseconds (an lstat, opening an existing file, reading or writing a
 * few KiB of page cache, closing) that round trip costs more than the call itself; on the
 * 2-core benchmark machine it was a fifth of a small-file transfer's CPU time. Such calls
 * are made synchronously for small files. Whatever may wait for the disk (fsync, creating
 * a file, large reads and writes) stays asynchronous, so a slow disk never stalls the
 * event loop for long.
 */

/** Files up to this size (what is left to transfer) are read or written synchronously. */
export const SMALL_FILE_BYTES = 256 * 1024;
