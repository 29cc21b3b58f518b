/**
 * Errors from the API turned into what forms show: a message per field, and
 * one for the whole form when it belongs to no field. The router answers bad
 * input with `INVALID_INPUT` and `z.prettifyError` text in `detail`
 * ("✖ message\n  → at fields.port"); that text is parsed back into paths here
 * so the message appears next to the field it is about.
 */
import type { z } from 'zod';
import { errorMessage } from '../../lib/errors';
import { FerryError } from '../../../shared/errors';

/** Messages by field name (`host`, `speedLimits.downloadKiBps`, `bookmarks.0.name`…). */
export type FieldErrors = Partial<Record<string, string>>;

/** One problem from an `INVALID_INPUT` detail. */
export interface DetailIssue {
  /** `['fields', 'bookmarks', 0, 'name']`; empty for the request as a whole. */
  path: (string | number)[];
  message: string;
}

/** Parses `z.prettifyError` text back into issues. Lines that are not issues are ignored. */
export function parseIssueDetail(detail: string): DetailIssue[] {
  const issues: DetailIssue[] = [];
  for (const line of detail.split('\n')) {
    const issue = /^✖\s*(.*)$/.exec(line.trim());
    if (issue) {
      issues.push({ path: [], message: issue[1]! });
      continue;
    }
    const at = /^→ at (.+)$/.exec(line.trim());
    const last = issues.at(-1);
    if (at && last) last.path = parsePath(at[1]!);
  }
  return issues;
}

/** `fields.bookmarks[0].name` → `['fields', 'bookmarks', 0, 'name']`. */
function parsePath(text: string): (string | number)[] {
  const path: (string | number)[] = [];
  for (const match of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) path.push(Number(match[2]));
    else path.push(match[1]!);
  }
  return path;
}

/** A zod issue in plain words (the contract's own refine messages are already plain). */
export function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return `Use at most ${issue.maximum} characters.`;
      if (issue.origin === 'array') return `At most ${issue.maximum} are allowed.`;
      return `Enter at most ${issue.maximum}.`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'This cannot be empty.' : `Use at least ${issue.minimum} characters.`;
      return `Enter at least ${issue.minimum}.`;
    case 'invalid_type':
      return issue.expected === 'number' ? 'Enter a whole number.' : 'This value is not valid.';
    default:
      return sentence(issue.message);
  }
}

/** `a host cannot contain spaces` → `A host cannot contain spaces.` */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const capital = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** An error from a call, split into field messages (via `fieldOf`) and a message for the form. */
export interface FormErrors {
  fields: FieldErrors;
  /** Shown at the top of the form; `null` when every problem has a field. */
  general: string | null;
  /** The error's code, e.g. `LOCKED` (unlock and retry) or `CONFLICT`. */
  code: string | null;
}

/**
 * Splits an error thrown by `api().call`. `fieldOf` maps a request path to a
 * form field (or `null` for none); issues without a field, and errors that are
 * not `INVALID_INPUT`, become the general message.
 */
export function formErrorsOf(error: unknown, fieldOf: (path: (string | number)[]) => string | null): FormErrors {
  const message = errorMessage(error);
  if (!(error instanceof FerryError)) return { fields: {}, general: message, code: null };
  if (error.code !== 'INVALID_INPUT' || !error.detail) return { fields: {}, general: message, code: error.code };
  const fields: FieldErrors = {};
  const loose: string[] = [];
  for (const issue of parseIssueDetail(error.detail)) {
    const field = fieldOf(issue.path);
    if (field !== null && fields[field] === undefined) fields[field] = sentence(issue.message);
    else if (field === null) loose.push(sentence(issue.message));
  }
  const general = loose.length > 0 ? `${message} ${loose.join(' ')}` : Object.keys(fields).length === 0 ? message : null;
  return { fields, general, code: error.code };
}

/** The code of an API error, or `null`. */
export function errorCode(error: unknown): string | null {
  return error instanceof FerryError ? error.code : null;
}

export { errorMessage } from '../../lib/errors';
