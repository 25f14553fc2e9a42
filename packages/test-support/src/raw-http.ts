import { connect } from 'node:net';

/** One answer read off a raw socket. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What a raw exchange produced: the answers in order, and whether the server closed. */
export interface RawExchange {
  answers: RawAnswer[];
  closedByServer: boolean;
  /** Everything received, for messages. */
  raw: string;
}

/** Parses every complete HTTP/1.1 answer in `text` (Content-Length or chunked bodies). */
export function parseAnswers(text: string): RawAnswer[] {
  const answers: RawAnswer[] = [];
  let rest = text;
  while (rest.startsWith('HTTP/1.')) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const [statusLine, ...lines] = rest.slice(0, end).split('\r\n');
    const status = Number(statusLine?.split(' ')[1]);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    rest = rest.slice(end + 4);
    let body = '';
    if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      body = rest.slice(0, length);
      rest = rest.slice(length);
    } else if (headers['transfer-encoding'] === 'chunked') {
      for (;;) {
        const lineEnd = rest.indexOf('\r\n');
        const size = Number.parseInt(rest.slice(0, lineEnd), 16);
        rest = rest.slice(lineEnd + 2);
        if (!(size > 0)) {
          rest = rest.slice(2);
          break;
        }
        body += rest.slice(0, size);
        rest = rest.slice(size + 2);
      }
    }
    answers.push({ status, headers, body });
    // An interim 100 Continue is followed by the real answer.
  }
  return answers;
}

/**
 * Writes `bytes` to a fresh connection and collects what comes back until the server closes
 * or `waitMs` passes. The request bytes are exactly what is given: lying lengths, broken
 * chunking, missing headers — what no well-behaved client library sends.
 */
export function rawExchange(
  port: number,
  bytes: string | Buffer,
  options: { waitMs?: number; answers?: number } = {},
): Promise<RawExchange> {
  const waitMs = options.waitMs ?? 5_000;
  const wanted = options.answers ?? 1;
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (closedByServer: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const raw = Buffer.concat(chunks).toString('latin1');
      resolve({ answers: parseAnswers(raw), closedByServer, raw });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // Done once the wanted number of final (non-100) answers is complete.
      const final = parseAnswers(Buffer.concat(chunks).toString('latin1')).filter(
        (a) => a.status !== 100,
      );
      if (final.length >= wanted && isComplete(final[final.length - 1] as RawAnswer)) finish(false);
    });
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  });
}

function isComplete(answer: RawAnswer): boolean {
  const length = answer.headers['content-length'];
  return length === undefined || answer.body.length >= Number(length);
}

/** A request head plus body with a correct Content-Length, in latin1 (bytes as written). */
export function rawPost(
  path: string,
  contentType: string | undefined,
  body: string,
  extraHeaders = '',
): string {
  const type = contentType === undefined ? '' : `Content-Type: ${contentType}\r\n`;
  return `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${type}${extraHeaders}Content-Length: ${Buffer.byteLength(body, 'latin1')}\r\n\r\n${body}`;
}
