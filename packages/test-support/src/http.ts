import { type Dispatcher, request } from 'undici';
import { waitUntil } from './wait-until.js';

/** An HTTP answer as tests inspect it: status, headers, the body as text and, when it parses, JSON. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test answers are inspected field by field
  json: any;
}

/** A request as {@link send} takes it. */
export interface SendInit {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH';
  headers?: Record<string, string>;
  body?: string;
}

/** Any request (GET unless told); the whole answer is read before it resolves. */
export async function send(url: string, init: SendInit = {}): Promise<HttpAnswer> {
  const response = await request(url, {
    method: init.method ?? 'GET',
    ...(init.headers === undefined ? {} : { headers: init.headers }),
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const text = await response.body.text();
  return {
    status: response.statusCode,
    headers: response.headers,
    text,
    json: jsonOrUndefined(text),
  };
}

/**
 * POSTs a form (an object, properly encoded) or a raw body string with the given content type.
 *
 * @example
 * ```ts
 * const answer = await post(service.swapUrl, { code });
 * expect(answer.json.access_token).toEqual(expect.any(String));
 * ```
 */
export function post(
  url: string,
  body: Record<string, string> | string,
  contentType = 'application/x-www-form-urlencoded',
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  const payload = typeof body === 'string' ? body : new URLSearchParams(body).toString();
  return send(url, {
    method: 'POST',
    body: payload,
    headers: { 'content-type': contentType, ...headers },
  });
}

/** POSTs `body` as JSON. */
export function postJson(url: string, body: unknown): Promise<HttpAnswer> {
  return post(url, JSON.stringify(body), 'application/json');
}

/** The parsed JSON of `text`, or `undefined` when it is not JSON. */
export function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A load balancer's probe: GETs `path` through `dispatcher` (its own keep-alive connection)
 * every `intervalMs` until the answer is no longer `status`, and resolves with the new status;
 * fails after `timeoutMs` (10 s).
 *
 * @example
 * ```ts
 * expect(await probeUntilStatusChanges(probe, '/readyz', 200)).toBe(503);
 * ```
 */
export async function probeUntilStatusChanges(
  dispatcher: Dispatcher,
  path: string,
  status: number,
  options: { intervalMs?: number; timeoutMs?: number } = {},
): Promise<number> {
  let current = status;
  await waitUntil(
    async () => {
      const answer = await dispatcher.request({ method: 'GET', path });
      await answer.body.text();
      current = answer.statusCode;
      return current !== status;
    },
    { what: `${path} to stop answering ${status}`, ...options },
  );
  return current;
}
