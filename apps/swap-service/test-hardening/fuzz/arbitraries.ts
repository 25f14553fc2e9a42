import type { Fault } from '@tokenswap/mock-accounts';
import fc from 'fast-check';

/**
 * fast-check arbitraries of HTTP requests to the swap service. A request is a plain
 * description (shrinkable, printable); `materialize.ts` turns it into bytes at send time,
 * filling in live values (a fresh authorization code, sealed tokens) that a generator cannot
 * know.
 */

/** A field value before materializing. */
export type ValueSpec =
  | { kind: 'text'; value: string }
  | { kind: 'percent-junk'; before: string; junk: string; after: string }
  | { kind: 'nul'; before: string; after: string }
  | { kind: 'long'; unit: string; length: number }
  | { kind: 'json'; value: unknown }
  | { kind: 'fresh-code' }
  | { kind: 'sealed'; which: number }
  | { kind: 'sealed-flipped-bit'; which: number; bit: number }
  | { kind: 'sealed-changed-char'; which: number; at: number; char: string }
  | { kind: 'sealed-truncated'; which: number; cut: number }
  | { kind: 'sealed-extended'; which: number; extra: string }
  | { kind: 'sealed-other-key-id'; which: number }
  | { kind: 'sealed-relabelled'; which: number; keyId: string }
  | { kind: 'sealed-other-client'; which: number }
  | {
      kind: 'sealed-mangled';
      which: number;
      mode: 'plus-space' | 'newlines' | 'literal-n' | 'lowercase' | 'padding';
    }
  | { kind: 'upstream-refresh-token'; which: number }
  | {
      kind: 'legacy';
      format: 'encrypted-strings' | 'create-cipher';
      which: number;
      mode: LegacyMode;
      bit: number;
    };

/** Valid, or how a legacy token is spoiled. */
export type LegacyMode =
  | 'valid'
  | 'flipped-bit'
  | 'wrong-secret'
  | 'no-newlines'
  | 'literal-newlines'
  | 'plus-as-space'
  | 'uppercase'
  | 'truncated';

export interface FieldSpec {
  name: string;
  value: ValueSpec;
}

export type BodySpec =
  | { kind: 'none' }
  | { kind: 'form'; fields: FieldSpec[] }
  | { kind: 'form-raw'; fields: FieldSpec[]; separator: string }
  | { kind: 'json'; fields: FieldSpec[] }
  | { kind: 'json-value'; value: unknown }
  | { kind: 'json-broken'; fields: FieldSpec[]; cut: number }
  | { kind: 'multipart'; fields: FieldSpec[] }
  | { kind: 'bytes'; bytes: number[] }
  | { kind: 'text'; text: string }
  | {
      kind: 'sized';
      encoding: 'form' | 'json';
      field: 'code' | 'refresh_token';
      value: ValueSpec;
      size: number;
    };

export interface RequestSpec {
  method: string;
  path: string;
  query: { kind: 'none' } | { kind: 'text'; text: string } | { kind: 'code' };
  body: BodySpec;
  /** `match`: the body's own type; `none`: no header; else this exact value (maybe lying). */
  contentType: string;
  /** Split points of a chunked body (sent from an async iterable); `undefined`: Content-Length. */
  chunks: number[] | undefined;
  requestId: string | undefined;
}

/** The token routes (compat routes on) and the paths next to them. */
export const ROUTES = ['/swap', '/refresh', '/api/token', '/api/refresh_token'] as const;
export const FIELD_NAMES = [
  'code',
  'refresh_token',
  'code_verifier',
  'client_id',
  'redirect_uri',
  'grant_type',
  'client_secret',
  'state',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'code[]',
  'refresh_token[0]',
  'Code',
  'REFRESH_TOKEN',
  'code ',
  '',
] as const;
export const BODY_LIMIT = 16 * 1024;

const printableAscii = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 40,
});
const loneSurrogates = fc.string({
  unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 3,
});
/** Any text: full Unicode, Latin-1 bytes, graphemes, lone surrogates, control characters. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  printableAscii,
  loneSurrogates,
);
const base64urlChar = fc.constantFrom(
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
);
const which = fc.nat(7);
const legacyFormat = fc.constantFrom<'encrypted-strings' | 'create-cipher'>(
  'encrypted-strings',
  'create-cipher',
);

const valueSpec: fc.Arbitrary<ValueSpec> = fc.oneof(
  { weight: 4, arbitrary: anyText.map((value) => ({ kind: 'text' as const, value })) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('percent-junk' as const),
      before: printableAscii,
      junk: fc.constantFrom(
        '%',
        '%z',
        '%zz',
        '%E0%A4%A',
        '%00',
        '%C0%AF',
        '%%32%65',
        '%u0041',
        '%FF%FE',
        '%0D%0A',
        '+%2B+',
        '%',
      ),
      after: printableAscii,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('nul' as const),
      before: printableAscii,
      after: printableAscii,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('long' as const),
      unit: fc.constantFrom('a', 'A', '%', '+', ' ', 'é', '😀', '\u0000', '-'),
      length: fc.constantFrom(
        42,
        43,
        128,
        129,
        256,
        257,
        2047,
        2048,
        2049,
        8191,
        8192,
        8193,
        16_000,
        70_000,
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ kind: 'json' as const, value })),
  },
  { weight: 3, arbitrary: fc.constant({ kind: 'fresh-code' as const }) },
  { weight: 2, arbitrary: which.map((w) => ({ kind: 'sealed' as const, which: w })) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('sealed-flipped-bit' as const),
      which,
      bit: fc.nat(2_000),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('sealed-changed-char' as const),
      which,
      at: fc.nat(300),
      char: base64urlChar,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('sealed-truncated' as const),
      which,
      cut: fc.nat(300),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('sealed-extended' as const), which, extra: anyText }),
  },
  { weight: 1, arbitrary: which.map((w) => ({ kind: 'sealed-other-key-id' as const, which: w })) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('sealed-relabelled' as const),
      which,
      keyId: fc.oneof(fc.string({ unit: base64urlChar, minLength: 1, maxLength: 40 }), anyText),
    }),
  },
  { weight: 1, arbitrary: which.map((w) => ({ kind: 'sealed-other-client' as const, which: w })) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('sealed-mangled' as const),
      which,
      mode: fc.constantFrom(
        'plus-space',
        'newlines',
        'literal-n',
        'lowercase',
        'padding',
      ) as fc.Arbitrary<'plus-space' | 'newlines' | 'literal-n' | 'lowercase' | 'padding'>,
    }),
  },
  {
    weight: 1,
    arbitrary: which.map((w) => ({ kind: 'upstream-refresh-token' as const, which: w })),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('legacy' as const),
      format: legacyFormat,
      which,
      mode: fc.constantFrom<LegacyMode>(
        'valid',
        'flipped-bit',
        'wrong-secret',
        'no-newlines',
        'literal-newlines',
        'plus-as-space',
        'uppercase',
        'truncated',
      ),
      bit: fc.nat(2_000),
    }),
  },
);

const fieldName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FIELD_NAMES) },
  { weight: 1, arbitrary: anyText },
);
const field: fc.Arbitrary<FieldSpec> = fc.record({ name: fieldName, value: valueSpec });
/** Mostly one to three fields; names repeat often because they come from a short list. */
const fields = fc.array(field, { minLength: 0, maxLength: 5 });

const body: fc.Arbitrary<BodySpec> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 6, arbitrary: fields.map((f) => ({ kind: 'form' as const, fields: f })) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('form-raw' as const),
      fields,
      separator: fc.constantFrom('&', ';', '&&', '\n', '&=&'),
    }),
  },
  { weight: 3, arbitrary: fields.map((f) => ({ kind: 'json' as const, fields: f })) },
  {
    weight: 1,
    arbitrary: fc
      .jsonValue({ maxDepth: 4 })
      .map((value) => ({ kind: 'json-value' as const, value })),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('json-broken' as const), fields, cut: fc.nat(400) }),
  },
  { weight: 1, arbitrary: fields.map((f) => ({ kind: 'multipart' as const, fields: f })) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.integer({ min: 0, max: 255 }), { maxLength: 200 })
      .map((bytes) => ({ kind: 'bytes' as const, bytes })),
  },
  { weight: 1, arbitrary: anyText.map((text) => ({ kind: 'text' as const, text })) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('sized' as const),
      encoding: fc.constantFrom('form', 'json') as fc.Arbitrary<'form' | 'json'>,
      field: fc.constantFrom('code', 'refresh_token') as fc.Arbitrary<'code' | 'refresh_token'>,
      value: fc.oneof(
        fc.constant({ kind: 'fresh-code' as const }),
        which.map((w) => ({ kind: 'sealed' as const, which: w })),
      ),
      // Around the 16 KiB limit, and well past it.
      size: fc.oneof(
        fc.integer({ min: BODY_LIMIT - 8, max: BODY_LIMIT + 8 }),
        fc.constantFrom(BODY_LIMIT - 1_000, BODY_LIMIT + 1_000, 4 * BODY_LIMIT, 100_000),
      ),
    }),
  },
);

const headerSafeText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});
const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('match') },
  { weight: 2, arbitrary: fc.constant('none') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/x-www-form-urlencoded',
      'application/x-www-form-urlencoded; charset=utf-8',
      'application/x-www-form-urlencoded; charset=iso-8859-1',
      'APPLICATION/X-WWW-FORM-URLENCODED',
      'application/json',
      'application/json; charset=utf-8',
      'application/json; charset=utf-16',
      'application/vnd.api+json',
      'application/merge-patch+json',
      'text/plain',
      'text/plain; charset=utf-8',
      'text/html',
      'multipart/form-data',
      'multipart/form-data; boundary=',
      'application/octet-stream',
      'application/x-www-form-urlencoded, application/json',
      ';',
      '',
      '*/*',
      'application/*',
      'application/x-www-form-urlencoded; boundary=x; charset=',
    ),
  },
  { weight: 1, arbitrary: headerSafeText },
);

const method = fc.oneof(
  { weight: 12, arbitrary: fc.constant('POST') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'GET',
      'PUT',
      'DELETE',
      'PATCH',
      'OPTIONS',
      'HEAD',
      'TRACE',
      'PROPFIND',
      'SEARCH',
      'MKCOL',
    ),
  },
);

const pathSafe = fc.string({
  unit: fc.constantFrom(
    ..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/%",
  ),
  maxLength: 30,
});
const path = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...ROUTES) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.constantFrom(
        '/swap/',
        '//swap',
        '/SWAP',
        '/swap%00',
        '/refresh;x',
        '/api/token/..',
        '/%zz',
        '/api//token',
        '/swap/%2e%2e',
        '/',
        '/healthz',
        '/metrics',
        '/api/refresh_token%20',
      ),
      pathSafe.map((p) => `/${p}`),
    ),
  },
);

const query = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 1, arbitrary: pathSafe.map((text) => ({ kind: 'text' as const, text })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'code' as const }) },
);

/** Anything at all. */
const anyRequest: fc.Arbitrary<RequestSpec> = fc.record({
  method,
  path,
  query,
  body,
  contentType,
  chunks: fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.array(fc.integer({ min: 1, max: 6_000 }), { minLength: 1, maxLength: 6 }),
    },
  ),
  requestId: fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.oneof(headerSafeText, fc.uuid()) },
  ),
});

/**
 * A request a real app could send (POST, a token route, the right field, a matching type),
 * with live or near-valid values and sometimes an extra field: these reach the accounts
 * service, so upstream answers and faults get exercised too.
 */
const plausibleRequest: fc.Arbitrary<RequestSpec> = fc.record({
  method: fc.constant('POST'),
  path: fc.constantFrom(...ROUTES),
  query: fc.constant({ kind: 'none' as const }),
  body: fc
    .tuple(
      fc.constantFrom('form', 'json') as fc.Arbitrary<'form' | 'json'>,
      fc.oneof(
        fc.constant<FieldSpec>({ name: 'code', value: { kind: 'fresh-code' } }),
        which.map(
          (w): FieldSpec => ({ name: 'refresh_token', value: { kind: 'sealed', which: w } }),
        ),
        fc.record({ format: legacyFormat, w: which }).map(
          ({ format, w }): FieldSpec => ({
            name: 'refresh_token',
            value: { kind: 'legacy', format, which: w, mode: 'valid', bit: 0 },
          }),
        ),
        fc.record({ name: fc.constantFrom('code', 'refresh_token'), value: valueSpec }),
      ),
      fc.array(
        fc.record({
          name: fc.constantFrom(
            'code_verifier',
            'client_id',
            'redirect_uri',
            'grant_type',
            'state',
          ),
          value: valueSpec,
        }),
        { maxLength: 2 },
      ),
    )
    .map(([kind, main, extra]): BodySpec => ({ kind, fields: [main, ...extra] })),
  contentType: fc.constant('match'),
  chunks: fc.constant(undefined),
  requestId: fc.constant(undefined),
});

/** One request: mostly anything, a quarter plausible. */
export const requestSpec: fc.Arbitrary<RequestSpec> = fc.oneof(
  { weight: 3, arbitrary: anyRequest },
  { weight: 1, arbitrary: plausibleRequest },
);

/** An upstream fault injected before a batch: the 5xx it causes are the only allowed ones. */
export interface BatchFault {
  fault: Fault;
  count: number;
}

/** Mostly none; else a failing accounts service for the next 1–3 token calls. */
export const batchFault: fc.Arbitrary<BatchFault | undefined> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.record({
      fault: fc.oneof(
        fc
          .constantFrom(500, 502, 503)
          .map((status): Fault => ({ kind: 'status', status, body: '' })),
        fc.constant<Fault>({ kind: 'reset' }),
        fc.constant<Fault>({ kind: 'malformed-json' }),
        fc.nat(3_600).map((retryAfter): Fault => ({ kind: 'rate-limit', retryAfter })),
        fc.constant<Fault>({
          kind: 'status',
          status: 400,
          body: '{"error":"invalid_client","error_description":"Invalid client"}',
        }),
      ),
      count: fc.integer({ min: 1, max: 3 }),
    }),
  },
);
