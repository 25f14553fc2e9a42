import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { createTokenSwapHandler, fromEnv } from '@tokenswap/handler';

// Plain node:http, no framework: each request becomes a Web `Request`, the handler's `Response`
// is written back. Node >= 20.19.
const handler = createTokenSwapHandler(fromEnv(process.env));

const server = createServer(async (incoming, outgoing) => {
  try {
    await serve(incoming, outgoing);
  } catch {
    // Only a request line Node accepted but `Request` does not (the handler itself never throws).
    outgoing.writeHead(400, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    outgoing.end('{"error":"invalid_request","error_description":"the request could not be read"}');
  }
});

async function serve(incoming, outgoing) {
  const hasBody = incoming.method !== 'GET' && incoming.method !== 'HEAD';
  const request = new Request(`http://${incoming.headers.host ?? 'localhost'}${incoming.url}`, {
    method: incoming.method,
    headers: Object.entries(incoming.headers).flatMap(([name, value]) =>
      [value ?? []].flat().map((one) => [name, one]),
    ),
    body: hasBody ? Readable.toWeb(incoming) : undefined,
    duplex: 'half',
  });
  const response = await handler(request);
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  outgoing.end(Buffer.from(await response.arrayBuffer()));
}

server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '0.0.0.0');
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close());
