import type { IncomingMessage } from 'node:http';

/**
 * Reads a request body whole, up to `limit` bytes; resolves `undefined` beyond it (the rest is
 * still read away, so the sender is never cut off mid-write) and rejects when the sender aborts.
 */
export function readWholeBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.once('end', () => resolve(size <= limit ? Buffer.concat(chunks) : undefined));
    req.once('error', reject);
  });
}
