import { Agent, request } from 'undici';
import type { Masker } from './internal/mask.js';
import type { Evidence } from './types.js';

/** A request the suite sends to the implementation under test (or to the mock). */
export interface HttpRequestSpec {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** What came back, read in full (up to `MAX_BODY_BYTES`). */
export interface HttpResponseSnapshot {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The parsed body when it is JSON, else `undefined`. */
  json: unknown;
}

/**
 * One request and its answer, or the transport error that replaced the answer. `send` never
 * throws: a timeout or reset is a finding about the server, reported like any other.
 */
export interface HttpExchange {
  request: Required<Pick<HttpRequestSpec, 'method' | 'url'>> & {
    headers: Record<string, string>;
    body: string | Uint8Array | undefined;
  };
  response?: HttpResponseSnapshot;
  /** Set when there was no HTTP answer: `timeout after 3000 ms`, `connection reset`, … */
  error?: string;
  durationMs: number;
}

/** A server answering more than this is not sending a token response; the rest is dropped. */
const MAX_BODY_BYTES = 1024 * 1024;

/** Form content type the contract prescribes for both endpoints. */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** A keep-alive agent of its own, so the suite never shares (or is hurt by) a global dispatcher. */
export function createHttpAgent(): Agent {
  return new Agent({ keepAliveTimeout: 2_000, connections: 128 });
}

/** Sends one request; times out after `timeoutMs`. Never throws. */
export async function send(
  spec: HttpRequestSpec,
  options: { dispatcher: Agent; timeoutMs: number },
): Promise<HttpExchange> {
  const method = spec.method ?? 'POST';
  const headers = spec.headers ?? {};
  const exchange: HttpExchange = {
    request: { method, url: spec.url, headers, body: spec.body },
    durationMs: 0,
  };
  const started = performance.now();
  try {
    const res = await request(spec.url, {
      method: method as 'POST',
      headers,
      body: spec.body,
      dispatcher: options.dispatcher,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await readLimited(res.body);
    exchange.response = {
      status: res.statusCode,
      headers: flattenHeaders(res.headers),
      text,
      json: parseJson(text),
    };
  } catch (error) {
    exchange.error = describeTransportError(error, options.timeoutMs);
  }
  exchange.durationMs = Math.round(performance.now() - started);
  return exchange;
}

/** Builds a form POST the way the iOS/Android SDKs send it. */
export function formPost(url: string, fields: Record<string, string>): HttpRequestSpec {
  return {
    method: 'POST',
    url,
    headers: { 'content-type': FORM_CONTENT_TYPE },
    body: new URLSearchParams(fields).toString(),
  };
}

/** The request and response excerpt of an exchange, masked for a report. */
export function excerpt(exchange: HttpExchange, masker: Masker): Evidence {
  const { request: req, response: res } = exchange;
  const reqHeaders = Object.entries(req.headers)
    .map(([k, v]) => `${k}: ${k.toLowerCase() === 'authorization' ? '•••' : masker.text(v)}`)
    .join('\n');
  let reqBody = '';
  if (typeof req.body === 'string') {
    const isForm = req.headers['content-type']?.startsWith(FORM_CONTENT_TYPE) ?? false;
    reqBody = clip(isForm ? masker.form(req.body) : masker.text(req.body), 300);
  } else if (req.body !== undefined) {
    reqBody = `<${req.body.byteLength} bytes>`;
  }
  const request = [
    `${req.method} ${masker.text(req.url)}`,
    reqHeaders,
    reqBody ? `\n${reqBody}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  if (!res) return { request, response: `no HTTP answer: ${exchange.error ?? 'unknown'}` };
  const shown = ['content-type', 'cache-control', 'pragma', 'retry-after']
    .filter((h) => res.headers[h] !== undefined)
    .map((h) => `${h}: ${res.headers[h]}`)
    .join('\n');
  const body = clip(res.json === undefined ? masker.text(res.text) : masker.json(res.text), 500);
  const response = [
    `HTTP ${res.status} (${exchange.durationMs} ms)`,
    shown,
    body ? `\n${body}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  return { request, response };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}

async function readLimited(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      body.destroy();
      break;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined)
      out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeTransportError(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; code?: string; message?: string };
  if (err.name === 'TimeoutError' || err.name === 'AbortError')
    return `timeout after ${timeoutMs} ms`;
  if (err.code === 'ECONNREFUSED') return 'connection refused';
  if (err.code === 'ECONNRESET' || err.code === 'UND_ERR_SOCKET')
    return 'connection closed without an answer';
  return err.code ?? err.message ?? String(error);
}
