import { describe, expect, it } from 'vitest';
import { FerryError, isApiError } from './errors';

describe('FerryError', () => {
  it('crosses the boundary as code, message and detail only', () => {
    const error = new FerryError('ENOENT', 'No such folder: /x', '550 /x: not found');
    expect(error.toApiError()).toEqual({ code: 'ENOENT', message: 'No such folder: /x', detail: '550 /x: not found' });
    expect(isApiError(error.toApiError())).toBe(true);
  });

  it('leaves detail out when there is none', () => {
    expect(new FerryError('TIMEOUT', 'Timed out').toApiError()).toEqual({ code: 'TIMEOUT', message: 'Timed out' });
  });

  it('does not accept an unknown code as an API error', () => {
    expect(isApiError({ code: 'NOPE', message: 'x' })).toBe(false);
  });
});
