import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SiteFieldsPatch } from '../../../shared/contract/sites';
import { FerryError } from '../../../shared/errors';
import { describeIssue, formErrorsOf, parseIssueDetail, sentence } from './api-errors';

/** The detail text the router sends, made the same way (z.prettifyError). */
function detailFor(schema: z.ZodType, input: unknown): string {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return z.prettifyError(result.error);
}

describe('parseIssueDetail', () => {
  it('reads the paths and messages of the router’s detail text', () => {
    const request = z.object({ id: z.string(), fields: SiteFieldsPatch });
    const detail = detailFor(request, { id: 'x', fields: { port: 70000, host: 'a b', bookmarks: [{ name: '', localFolder: '', remoteFolder: '' }] } });
    const issues = parseIssueDetail(detail);
    expect(issues).toContainEqual({ path: ['fields', 'port'], message: expect.stringContaining('65535') });
    expect(issues).toContainEqual({ path: ['fields', 'host'], message: 'a host cannot contain spaces' });
    expect(issues.find((i) => i.path.join('.') === 'fields.bookmarks.0.name')).toBeDefined();
  });

  it('keeps an issue without a path for the whole request', () => {
    const detail = detailFor(z.object({ id: z.string() }).strict(), { id: 'a', extra: 1 });
    expect(parseIssueDetail(detail)).toEqual([{ path: [], message: expect.stringContaining('extra') }]);
  });
});

describe('formErrorsOf', () => {
  const fieldOf = (path: (string | number)[]) => (path[0] === 'fields' ? path.slice(1).join('.') : null);

  it('puts INVALID_INPUT issues next to their fields', () => {
    const detail = detailFor(z.object({ fields: SiteFieldsPatch }), { fields: { port: 0 } });
    const result = formErrorsOf(new FerryError('INVALID_INPUT', 'Some site settings are not valid.', detail), fieldOf);
    expect(result.fields.port).toMatch(/1/);
    expect(result.general).toBeNull();
    expect(result.code).toBe('INVALID_INPUT');
  });

  it('keeps other errors for the whole form, with their code', () => {
    const result = formErrorsOf(new FerryError('LOCKED', 'Enter your master password to save the password.'), fieldOf);
    expect(result).toEqual({ fields: {}, general: 'Enter your master password to save the password.', code: 'LOCKED' });
    expect(formErrorsOf(new Error('socket closed'), fieldOf)).toEqual({ fields: {}, general: 'socket closed', code: null });
  });

  it('adds issues without a field to the general message', () => {
    const detail = detailFor(z.object({ id: z.string() }).strict(), { id: 'a', extra: 1 });
    const result = formErrorsOf(new FerryError('INVALID_INPUT', 'The request was not valid.', detail), fieldOf);
    expect(result.general).toMatch(/^The request was not valid\. .*extra/);
  });
});

describe('describeIssue', () => {
  it('words length and range problems plainly', () => {
    const tooLong = z.string().max(3).safeParse('abcd');
    expect(describeIssue(tooLong.error!.issues[0]!)).toBe('Use at most 3 characters.');
    const empty = z.string().min(1).safeParse('');
    expect(describeIssue(empty.error!.issues[0]!)).toBe('This cannot be empty.');
    const notNumber = z.number().safeParse(Number.NaN);
    expect(describeIssue(notNumber.error!.issues[0]!)).toBe('Enter a whole number.');
  });

  it('makes a sentence of a refine message', () => {
    expect(sentence('a name cannot be blank')).toBe('A name cannot be blank.');
    expect(sentence('Done!')).toBe('Done!');
  });
});
