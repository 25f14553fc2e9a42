import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../src/index.js';

describe('closeAfterEach', () => {
  it('closes what it was handed, last first, once per test', async () => {
    let hook: (() => Promise<void>) | undefined;
    const closeLater = closeAfterEach((registered) => {
      hook = registered;
    });
    const order: string[] = [];
    const mock = closeLater({ close: async () => void order.push('mock') });
    closeLater({ dispose: async () => void order.push('server') });
    expect(mock).toHaveProperty('close');
    await hook?.();
    expect(order).toEqual(['server', 'mock']);
    await hook?.();
    expect(order).toEqual(['server', 'mock']);
  });
});
