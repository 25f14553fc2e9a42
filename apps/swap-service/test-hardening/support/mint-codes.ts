import { SCOPES } from './env.js';
import { keepAlivePool, runPool } from './http.js';

/**
 * Mints `count` authorization codes through the mock's HTTP control API
 * (`POST /__mock/codes`), `batch` calls at a time — how a tool in another process would.
 */
export async function mintCodesOverHttp(
  mockUrl: string,
  count: number,
  batch = 32,
): Promise<string[]> {
  const pool = keepAlivePool(mockUrl, batch);
  const codes: string[] = new Array(count);
  try {
    await runPool(count, batch, async (index) => {
      const response = await pool.request({
        method: 'POST',
        path: '/__mock/codes',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scopes: SCOPES }),
      });
      const body = (await response.body.json()) as { code?: unknown };
      if (response.statusCode !== 201 || typeof body.code !== 'string') {
        throw new Error(`POST /__mock/codes answered ${response.statusCode}`);
      }
      codes[index] = body.code;
    });
  } finally {
    await pool.close();
  }
  return codes;
}
