import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { holdPort } from '../../src/dev/hold-port.js';

/** Tries to bind; resolves with the error code, or 'bound' (and unbinds). */
function tryBind(port: number): Promise<string> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () =>
      server.close(() => resolve('bound')),
    );
  });
}

describe('holdPort', () => {
  it('holds a free port until released, then the port can be listened on', async () => {
    const held = await holdPort('127.0.0.1', 0);
    expect(held.url).toBe(`http://127.0.0.1:${held.port}`);
    expect(await tryBind(held.port)).toBe('EADDRINUSE');
    await held.release();
    expect(await tryBind(held.port)).toBe('bound');
  });

  it('moves past an occupied port when allowed, and fails on it otherwise', async () => {
    const first = await holdPort('127.0.0.1', 0);
    await expect(holdPort('127.0.0.1', first.port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    // The next port may be taken by someone else on a busy machine: allow a few.
    const moved = await holdPort('127.0.0.1', first.port, { attempts: 10 });
    expect(moved.port).toBeGreaterThan(first.port);
    expect(moved.port).toBeLessThan(first.port + 10);
    await moved.release();
    await first.release();
  });

  it('shows a wildcard host as 127.0.0.1 in its URL', async () => {
    const held = await holdPort('0.0.0.0', 0);
    expect(held.url).toBe(`http://127.0.0.1:${held.port}`);
    await held.release();
  });
});
