import type { BodySpec, FieldSpec, LegacyMode, RequestSpec, ValueSpec } from './arbitraries.js';
import { createCipherHex, encryptedStrings } from './legacy-tokens.js';

/** Live values the generator cannot know, made once per run (see fuzz.test.ts). */
export interface FuzzMaterial {
  /** Valid sealed refresh tokens from real swaps. */
  sealed: readonly string[];
  /** The upstream (mock-issued) refresh token behind each of `sealed`. */
  upstream: readonly string[];
  /** The same upstream tokens sealed with a key id the service does not have. */
  otherKeyId: readonly string[];
  /** The same upstream tokens sealed with the service's key for another client id. */
  otherClient: readonly string[];
  /** The service's legacy secret (ENCRYPTION_SECRET), to make legacy-format tokens. */
  legacySecret: string;
  /** Mints a fresh, unused authorization code at the mock. */
  mintCode(): string;
}

/** What one materialized request posts, and the secrets it carries (never to be echoed). */
export interface MaterializedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  chunks: number[] | undefined;
  /** Codes minted for this request: they must not appear in any answer or log line. */
  codes: string[];
}

const pick = <T>(list: readonly T[], which: number): T => list[which % list.length] as T;

function b64urlDecode(text: string): Buffer {
  return Buffer.from(text, 'base64url');
}

/** Splits a sealed token into prefix (`v1.<kid>.`) and payload. */
function split(token: string): { prefix: string; payload: string } {
  const last = token.lastIndexOf('.');
  return { prefix: token.slice(0, last + 1), payload: token.slice(last + 1) };
}

function value(spec: ValueSpec, m: FuzzMaterial, codes: string[]): unknown {
  switch (spec.kind) {
    case 'text':
      return spec.value;
    case 'percent-junk':
      return `${spec.before}${spec.junk}${spec.after}`;
    case 'nul':
      return `${spec.before}\u0000${spec.after}`;
    case 'long':
      return spec.unit.repeat(spec.length);
    case 'json':
      return spec.value;
    case 'fresh-code': {
      const code = m.mintCode();
      codes.push(code);
      return code;
    }
    case 'sealed':
      return pick(m.sealed, spec.which);
    case 'sealed-flipped-bit': {
      const { prefix, payload } = split(pick(m.sealed, spec.which));
      const bytes = b64urlDecode(payload);
      const bit = spec.bit % (bytes.length * 8);
      bytes[bit >> 3] = (bytes[bit >> 3] as number) ^ (1 << (bit & 7));
      return `${prefix}${bytes.toString('base64url')}`;
    }
    case 'sealed-changed-char': {
      const token = pick(m.sealed, spec.which);
      const at = spec.at % token.length;
      return `${token.slice(0, at)}${spec.char}${token.slice(at + 1)}`;
    }
    case 'sealed-truncated': {
      const token = pick(m.sealed, spec.which);
      return token.slice(0, spec.cut % token.length);
    }
    case 'sealed-extended':
      return `${pick(m.sealed, spec.which)}${spec.extra}`;
    case 'sealed-other-key-id':
      return pick(m.otherKeyId, spec.which);
    case 'sealed-relabelled': {
      const token = pick(m.sealed, spec.which);
      const [version, , ...rest] = token.split('.');
      return [version, spec.keyId, ...rest].join('.');
    }
    case 'sealed-other-client':
      return pick(m.otherClient, spec.which);
    case 'sealed-mangled': {
      const token = pick(m.sealed, spec.which);
      switch (spec.mode) {
        case 'plus-space':
          return token.replace(/-/g, ' ').replace(/_/g, '+');
        case 'newlines':
          return token.replace(/(.{60})/g, '$1\n');
        case 'literal-n':
          return token.replace(/(.{60})/g, '$1\\n');
        case 'lowercase':
          return token.toLowerCase();
        case 'padding':
          return `${token}==`;
      }
      return token;
    }
    case 'upstream-refresh-token':
      return pick(m.upstream, spec.which);
    case 'legacy':
      return legacyToken(
        spec.format,
        pick(m.upstream, spec.which),
        m.legacySecret,
        spec.mode,
        spec.bit,
      );
  }
}

function legacyToken(
  format: 'encrypted-strings' | 'create-cipher',
  upstream: string,
  secret: string,
  mode: LegacyMode,
  bit: number,
): string {
  const encrypt = format === 'encrypted-strings' ? encryptedStrings : createCipherHex;
  const token = encrypt(upstream, mode === 'wrong-secret' ? `${secret}-not` : secret);
  const encoding = format === 'encrypted-strings' ? 'base64' : 'hex';
  switch (mode) {
    case 'valid':
    case 'wrong-secret':
      return token;
    case 'flipped-bit': {
      const bytes = Buffer.from(token, encoding);
      const at = bit % (bytes.length * 8);
      bytes[at >> 3] = (bytes[at >> 3] as number) ^ (1 << (at & 7));
      return bytes.toString(encoding);
    }
    case 'no-newlines':
      return token.replace(/\n/g, '');
    case 'literal-newlines':
      return token.replace(/\n/g, '\\n');
    case 'plus-as-space':
      return token.replace(/\+/g, ' ');
    case 'uppercase':
      return token.toUpperCase();
    case 'truncated':
      return token.slice(0, Math.max(1, bit % token.length));
  }
}

/** A form field value is a string: JSON values are stringified. */
function asString(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined');
}

function pairs(fields: FieldSpec[], m: FuzzMaterial, codes: string[]): [string, unknown][] {
  return fields.map((f) => [f.name, value(f.value, m, codes)]);
}

/** A JSON object text with keys exactly as given: duplicates and `__proto__` stay literal. */
function jsonObjectText(entries: [string, unknown][]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
}

const BOUNDARY = 'tokenswapFuzzBoundary';

function bodyOf(
  spec: BodySpec,
  m: FuzzMaterial,
  codes: string[],
): { body: Buffer | undefined; type: string | undefined } {
  switch (spec.kind) {
    case 'none':
      return { body: undefined, type: undefined };
    case 'form': {
      const params = new URLSearchParams(
        pairs(spec.fields, m, codes).map(([k, v]): [string, string] => [k, asString(v)]),
      );
      return { body: Buffer.from(params.toString()), type: 'application/x-www-form-urlencoded' };
    }
    case 'form-raw': {
      const text = pairs(spec.fields, m, codes)
        .map(([k, v]) => `${k}=${asString(v)}`)
        .join(spec.separator);
      return { body: Buffer.from(text), type: 'application/x-www-form-urlencoded' };
    }
    case 'json':
      return {
        body: Buffer.from(jsonObjectText(pairs(spec.fields, m, codes))),
        type: 'application/json',
      };
    case 'json-value':
      return { body: Buffer.from(JSON.stringify(spec.value) ?? 'null'), type: 'application/json' };
    case 'json-broken': {
      const text = jsonObjectText(pairs(spec.fields, m, codes));
      return {
        body: Buffer.from(text.slice(0, spec.cut % Math.max(1, text.length))),
        type: 'application/json',
      };
    }
    case 'multipart': {
      const parts = pairs(spec.fields, m, codes)
        .map(
          ([k, v]) =>
            `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${asString(v)}\r\n`,
        )
        .join('');
      return {
        body: Buffer.from(`${parts}--${BOUNDARY}--\r\n`),
        type: `multipart/form-data; boundary=${BOUNDARY}`,
      };
    }
    case 'bytes':
      return { body: Buffer.from(spec.bytes), type: 'application/octet-stream' };
    case 'text':
      return { body: Buffer.from(spec.text), type: 'text/plain' };
    case 'sized': {
      const v = asString(value(spec.value, m, codes));
      if (spec.encoding === 'form') {
        const head = `${spec.field}=${encodeURIComponent(v)}&pad=`;
        return {
          body: Buffer.from(head + 'x'.repeat(Math.max(0, spec.size - head.length))),
          type: 'application/x-www-form-urlencoded',
        };
      }
      const head = `{${JSON.stringify(spec.field)}:${JSON.stringify(v)},"pad":"`;
      const tail = '"}';
      return {
        body: Buffer.from(
          head + 'x'.repeat(Math.max(0, spec.size - head.length - tail.length)) + tail,
        ),
        type: 'application/json',
      };
    }
  }
}

/** Turns a request description into what is sent, minting live values as needed. */
export function materialize(spec: RequestSpec, m: FuzzMaterial): MaterializedRequest {
  const codes: string[] = [];
  const { body, type } = bodyOf(spec.body, m, codes);
  let path = spec.path;
  if (spec.query.kind === 'text') path += `?${spec.query.text}`;
  if (spec.query.kind === 'code') {
    const code = m.mintCode();
    codes.push(code);
    path += `?code=${code}`;
  }
  const headers: Record<string, string> = {};
  const contentType =
    spec.contentType === 'match'
      ? type
      : spec.contentType === 'none'
        ? undefined
        : spec.contentType;
  if (contentType !== undefined) headers['content-type'] = contentType;
  if (spec.requestId !== undefined) headers['x-request-id'] = spec.requestId;
  return { method: spec.method, path, headers, body, chunks: spec.chunks, codes };
}

/** The body as an async iterable of chunks (undici then sends Transfer-Encoding: chunked). */
export async function* chunked(body: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
  let at = 0;
  let i = 0;
  while (at < body.length) {
    const size = sizes[i % sizes.length] as number;
    yield body.subarray(at, at + size);
    at += size;
    i += 1;
  }
}
