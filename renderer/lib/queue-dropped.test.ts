import { describe, expect, it } from 'vitest';
import { droppedCount, walkDropped } from './queue-dropped';

/** A fake file-system entry tree, as Chromium's webkitGetAsEntry gives it. */
type Tree = { [name: string]: string | Tree };

function entryOf(name: string, node: string | Tree, portion = 2): FileSystemEntry {
  if (typeof node === 'string') {
    const file = new File([node], name);
    return { name, isFile: true, isDirectory: false, file: (ok: (f: File) => void) => ok(file) } as unknown as FileSystemEntry;
  }
  const children = Object.entries(node).map(([child, value]) => entryOf(child, value, portion));
  return {
    name,
    isFile: false,
    isDirectory: true,
    // Like Chromium: answers in portions, then with an empty list.
    createReader() {
      let next = 0;
      return {
        readEntries(ok: (entries: FileSystemEntry[]) => void) {
          ok(children.slice(next, next + portion));
          next += portion;
        },
      };
    },
  } as unknown as FileSystemEntry;
}

describe('dropped folders', () => {
  it('walks folders to the bottom, reading every portion, with paths from the dropped item down', async () => {
    const roots = {
      entries: [entryOf('photos', { 'a.jpg': 'A', '2024': { 'b.jpg': 'BB', 'c.jpg': 'CCC', empty: {} }, 'd.jpg': 'D', 'e.jpg': 'E' }), entryOf('notes.txt', 'hello')],
      files: [new File(['x'], 'loose.bin')],
    };
    expect(droppedCount(roots)).toBe(3);
    const walked = await walkDropped(roots);
    const summary = walked.map((e) => `${e.kind} ${e.path.join('/')}${e.file ? ` ${e.file.size}` : ''}`);
    expect(summary.sort()).toEqual(
      [
        'dir photos',
        'file photos/a.jpg 1',
        'dir photos/2024',
        'file photos/2024/b.jpg 2',
        'file photos/2024/c.jpg 3',
        'dir photos/2024/empty',
        'file photos/d.jpg 1',
        'file photos/e.jpg 1',
        'file notes.txt 5',
        'file loose.bin 1',
      ].sort(),
    );
  });

  it('gives nothing for nothing', async () => {
    expect(await walkDropped({ entries: [], files: [] })).toEqual([]);
  });
});
