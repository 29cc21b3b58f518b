import { describe, expect, it } from 'vitest';
import { batchLabel, dropLabel, dropRefusal } from './queue-drop';

describe('drop labels', () => {
  it('says what a drop will do and where', () => {
    expect(dropLabel({ direction: 'upload', names: ['a', 'b', 'c'], folder: '/var/www/img' })).toBe('Upload 3 items to /var/www/img');
    expect(dropLabel({ direction: 'download', names: ['report.pdf'], folder: '/home/ann' })).toBe('Download report.pdf to /home/ann');
    expect(dropLabel({ direction: 'upload', names: [], count: 1, folder: '/' })).toBe('Upload 1 item to /');
    expect(dropLabel({ direction: 'upload', names: [], count: 1200, folder: '/x' })).toBe('Upload 1,200 items to /x');
  });

  it('labels a batch by its one name or its count and origin', () => {
    expect(batchLabel(['photos'], 'home')).toBe('photos');
    expect(batchLabel(['a', 'b'], 'www')).toBe('2 items from www');
    expect(batchLabel(['a', 'b'], null)).toBe('2 items');
    expect(batchLabel(['x'.repeat(300)], null)).toHaveLength(200);
  });

  it('refuses drops onto the same side, before a folder is open, and OS files onto the local pane', () => {
    expect(dropRefusal({ from: 'Local', onto: 'Remote', ready: true })).toBeNull();
    expect(dropRefusal({ from: 'os', onto: 'Remote', ready: true })).toBeNull();
    expect(dropRefusal({ from: 'Remote', onto: 'Remote', ready: true })).toBe('Already on this side.');
    expect(dropRefusal({ from: 'os', onto: 'Local', ready: true })).toMatch(/server pane/);
    expect(dropRefusal({ from: 'Local', onto: 'Remote', ready: false })).toBe('Connect to a server first.');
  });
});
