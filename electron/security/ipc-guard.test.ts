import { describe, expect, it, vi } from 'vitest';
import type { Router } from '../api/router';
import { guardedCall } from './ipc-guard';

describe('IPC guard (checklist item 6)', () => {
  const router: Router = { call: vi.fn(async () => ({ ok: true as const, value: 'answered' })) };

  it("answers calls from Ferry's own page through the router", async () => {
    await expect(guardedCall(router, 'app.info', {}, 'app://ferry/index.html')).resolves.toEqual({ ok: true, value: 'answered' });
    expect(router.call).toHaveBeenCalledWith('app.info', {}, { transport: 'electron' });
  });

  it.each([undefined, 'https://evil.example/', 'file:///tmp/x.html', 'app://other/index.html', 'devtools://devtools/x'])(
    'refuses a frame at %s without calling the router',
    async (url) => {
      vi.mocked(router.call).mockClear();
      await expect(guardedCall(router, 'local.list', { path: '/' }, url)).resolves.toMatchObject({ ok: false, error: { code: 'EACCES' } });
      expect(router.call).not.toHaveBeenCalled();
    },
  );
});
