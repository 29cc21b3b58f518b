import fs from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod';
import { afterAll, describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors';
import { makeTempFolder, removeTempFolders } from '../test-support/temp-folders';
import { JsonStore, type JsonFileSpec } from './json-store';

afterAll(removeTempFolders);

const V2 = z.object({ version: z.literal(2), items: z.array(z.object({ title: z.string() })) }).strict();
type V2 = z.infer<typeof V2>;

/** A format-2 file whose format 1 kept items as plain strings. */
function spec(folder: string, withMigration = true): JsonFileSpec<V2> {
  return {
    file: path.join(folder, 'things.json'),
    label: 'things',
    version: 2,
    schema: V2,
    migrations: withMigration ? { 1: (doc) => ({ items: (doc.items as string[]).map((title) => ({ title })) }) } : {},
    empty: () => ({ version: 2, items: [] }),
  };
}

describe('JsonStore', () => {
  it('starts empty without a file and writes nothing until a change', async () => {
    const folder = await makeTempFolder();
    const store = await JsonStore.open(spec(folder));
    expect(store.data).toEqual({ version: 2, items: [] });
    expect(store.problem).toBeNull();
    expect(await fs.readdir(folder)).toEqual([]);
    await store.update((draft) => void draft.items.push({ title: 'a' }));
    expect(JSON.parse(await fs.readFile(store.file, 'utf8'))).toEqual({ version: 2, items: [{ title: 'a' }] });
    expect((await JsonStore.open(spec(folder))).data.items).toEqual([{ title: 'a' }]);
  });

  it('keeps a damaged file aside, reports it, and never overwrites it', async () => {
    const folder = await makeTempFolder();
    const file = path.join(folder, 'things.json');
    await fs.writeFile(file, '{"version": 2, "items": [ {"title": "trunc');
    const store = await JsonStore.open(spec(folder));
    expect(store.data.items).toEqual([]);
    expect(store.problem).not.toBeNull();
    expect(store.problem!.message).toContain('not valid JSON');
    expect(store.problem!.message).toContain(store.problem!.keptAs);
    expect(await fs.readFile(store.problem!.keptAs, 'utf8')).toBe('{"version": 2, "items": [ {"title": "trunc');

    await store.update((draft) => void draft.items.push({ title: 'new' }));
    expect(await fs.readFile(store.problem!.keptAs, 'utf8')).toBe('{"version": 2, "items": [ {"title": "trunc');
    expect(JSON.parse(await fs.readFile(file, 'utf8')).items).toEqual([{ title: 'new' }]);
  });

  it('keeps aside a file whose content does not match the format', async () => {
    const folder = await makeTempFolder();
    await fs.writeFile(path.join(folder, 'things.json'), JSON.stringify({ version: 2, items: [{ title: 5 }] }));
    const store = await JsonStore.open(spec(folder));
    expect(store.problem?.message).toContain('items.0.title');
    expect(store.data.items).toEqual([]);
  });

  it('keeps aside a file a newer Ferry wrote instead of losing its data', async () => {
    const folder = await makeTempFolder();
    await fs.writeFile(path.join(folder, 'things.json'), JSON.stringify({ version: 3, items: [], more: true }));
    const store = await JsonStore.open(spec(folder));
    expect(store.problem?.message).toContain('newer version of Ferry');
    expect(JSON.parse(await fs.readFile(store.problem!.keptAs, 'utf8')).version).toBe(3);
  });

  it('migrates an older format forward, keeping a backup of the original', async () => {
    const folder = await makeTempFolder();
    const file = path.join(folder, 'things.json');
    await fs.writeFile(file, JSON.stringify({ version: 1, items: ['x', 'y'] }));
    const store = await JsonStore.open(spec(folder));
    expect(store.problem).toBeNull();
    expect(store.data).toEqual({ version: 2, items: [{ title: 'x' }, { title: 'y' }] });
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual(store.data);
    expect(JSON.parse(await fs.readFile(`${file}.v1.bak`, 'utf8'))).toEqual({ version: 1, items: ['x', 'y'] });
  });

  it('keeps aside an older format it has no migration for', async () => {
    const folder = await makeTempFolder();
    await fs.writeFile(path.join(folder, 'things.json'), JSON.stringify({ version: 1, items: ['x'] }));
    const store = await JsonStore.open(spec(folder, false));
    expect(store.problem?.message).toContain('cannot convert format 1');
  });

  it('changes nothing when a change throws or would write an invalid document', async () => {
    const folder = await makeTempFolder();
    const store = await JsonStore.open(spec(folder));
    await store.update((draft) => void draft.items.push({ title: 'kept' }));
    const before = await fs.readFile(store.file, 'utf8');
    await expect(
      store.update((draft) => {
        draft.items.push({ title: 'lost' });
        throw new FerryError('CONFLICT', 'no');
      }),
    ).rejects.toThrow('no');
    await expect(store.update((draft) => void (draft.items as unknown[]).push({ title: 7 }))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(store.data.items).toEqual([{ title: 'kept' }]);
    expect(await fs.readFile(store.file, 'utf8')).toBe(before);
  });

  it('runs concurrent changes one at a time, losing none', async () => {
    const folder = await makeTempFolder();
    const store = await JsonStore.open(spec(folder));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.update(async (draft) => {
          await new Promise((resolve) => setImmediate(resolve));
          draft.items.push({ title: String(i) });
        }),
      ),
    );
    expect(store.data.items.map((item) => item.title)).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    expect((await JsonStore.open(spec(folder))).data.items).toHaveLength(20);
  });
});
