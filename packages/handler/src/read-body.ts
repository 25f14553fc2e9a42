import {
  bodyTooLargeError,
  type FormInput,
  fail,
  ok,
  parseJsonBody,
  type Result,
  TokenSwapError,
  unsupportedMediaTypeError,
} from '@tokenswap/core';

/**
 * Reads a token request's body as core's parsers take it: a form as `URLSearchParams` (a
 * repeated field stays repeated, so the parser refuses it), JSON through `parseJsonBody` (a
 * repeated key is refused, as in the service). Anything else is 415; a body over `limitBytes`
 * is 413, judged from `Content-Length` and while reading, so a lying or absent length does not
 * get past it. No body reads as an empty form ("code is missing").
 */
export async function readBody(request: Request, limitBytes: number): Promise<Result<FormInput>> {
  const type = mediaType(request.headers.get('content-type'));
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limitBytes) return fail(bodyTooLargeError(limitBytes));
  const text = await readCapped(request.body, limitBytes);
  if (text === undefined) return fail(bodyTooLargeError(limitBytes));
  if (type === undefined && text === '') return ok(new URLSearchParams());
  if (type === 'application/x-www-form-urlencoded') return ok(new URLSearchParams(text));
  if (type === 'application/json') {
    if (text === '') return fail(new TokenSwapError('invalid_request', 'request body is empty'));
    const parsed = parseJsonBody(text);
    return parsed.ok ? ok(parsed.value as FormInput) : parsed;
  }
  return fail(unsupportedMediaTypeError());
}

function mediaType(header: string | null): string | undefined {
  if (header === null) return undefined;
  return header.split(';')[0]?.trim().toLowerCase();
}

/**
 * A body as UTF-8 text, or `undefined` once it passes `limitBytes` (the rest is not read). Also
 * bounds what the accounts service's answers may cost (see `options.ts`).
 */
export async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  limitBytes: number,
): Promise<string | undefined> {
  if (body === null) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
