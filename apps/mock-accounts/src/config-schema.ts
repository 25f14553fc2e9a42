import * as v from 'valibot';
import { DEMO_CLIENT, DEMO_USERS, SIX_MONTHS_SECONDS } from './config.js';

// The one schema of the mock's options. Every message is the text after `<dotted path>: ` in a
// MockConfigError problem, so each names what the option must be, never the value given.

const NON_EMPTY = 'must be a non-empty string of at most 512 characters';
const nonEmptyString = v.pipe(
  v.string(NON_EMPTY),
  v.minLength(1, NON_EMPTY),
  v.maxLength(512, NON_EMPTY),
);

const BOOLEAN = 'must be a boolean';
const flag = v.optional(v.boolean(BOOLEAN), false);

const POSITIVE = 'must be a positive integer';
const positiveInt = (fallback: number) =>
  v.optional(
    v.pipe(v.number(POSITIVE), v.safeInteger(POSITIVE), v.minValue(1, POSITIVE)),
    fallback,
  );

const URIS = 'must be a non-empty array of absolute URIs';
const ABSOLUTE_URI = 'must be an absolute URI';

const clientSchema = v.object(
  {
    id: nonEmptyString,
    name: nonEmptyString,
    secret: v.optional(nonEmptyString),
    redirectUris: v.pipe(
      v.array(v.pipe(v.string(ABSOLUTE_URI), v.check(URL.canParse, ABSOLUTE_URI)), URIS),
      v.minLength(1, URIS),
    ),
    pkceOnly: v.optional(v.boolean(BOOLEAN)),
  },
  'must be an object',
);

const COUNTRY = 'must be a two-letter upper-case country code';
const userSchema = v.object(
  {
    id: nonEmptyString,
    displayName: nonEmptyString,
    email: nonEmptyString,
    country: v.pipe(v.string(COUNTRY), v.regex(/^[A-Z]{2}$/, COUNTRY)),
    product: v.picklist(['premium', 'free'], "must be 'premium' or 'free'"),
  },
  'must be an object',
);

/** A non-empty list whose ids are unique; a repeated id is named at its own index. */
function uniqueList<TItem extends v.GenericSchema<unknown, { id: string }>>(
  item: TItem,
  fallback: readonly v.InferOutput<TItem>[],
) {
  const LIST = 'must be a non-empty array';
  return v.optional(
    v.pipe(
      v.array(item, LIST),
      v.minLength(1, LIST),
      v.rawCheck(({ dataset, addIssue }) => {
        if (!dataset.typed) return;
        const seen = new Set<string>();
        dataset.value.forEach((entry, index) => {
          if (seen.has(entry.id)) {
            addIssue({
              message: `duplicate id '${entry.id}'`,
              path: [
                { type: 'array', origin: 'value', input: dataset.value, key: index, value: entry },
                { type: 'object', origin: 'value', input: entry, key: 'id', value: entry.id },
              ],
            });
          }
          seen.add(entry.id);
        });
      }),
    ),
    () => [...fallback],
  );
}

const PORT = 'must be an integer from 0 to 65535';
const START_TIME = 'must be a non-negative integer (ms since the epoch)';
const LOG_STREAM = 'must have a write(line) method';

/**
 * The options of `startMockAccounts` with their defaults. The key order is the order problems
 * are listed in; an option not named here is refused (a typo must not pass as a default).
 */
export const mockOptionsSchema = v.strictObject(
  {
    host: v.optional(
      v.pipe(v.string('must be a non-empty string'), v.minLength(1, 'must be a non-empty string')),
      '127.0.0.1',
    ),
    port: v.optional(
      v.pipe(v.number(PORT), v.integer(PORT), v.minValue(0, PORT), v.maxValue(65535, PORT)),
      0,
    ),
    rotation: v.optional(
      v.picklist(['off', 'always', 'pkce'], "must be 'off', 'always' or 'pkce'"),
      'pkce',
    ),
    startTime: v.optional(
      v.pipe(v.number(START_TIME), v.safeInteger(START_TIME), v.minValue(0, START_TIME)),
    ),
    clients: uniqueList(clientSchema, [DEMO_CLIENT]),
    users: uniqueList(userSchema, DEMO_USERS),
    autoApprove: flag,
    codeTtlSeconds: positiveInt(600),
    accessTokenTtlSeconds: positiveInt(3600),
    refreshTokenLifetimeSeconds: positiveInt(SIX_MONTHS_SECONDS),
    freezeClock: flag,
    maxStoreEntries: positiveInt(100_000),
    maxJournalEntries: positiveInt(10_000),
    logger: flag,
    logStream: v.optional(
      v.custom<{ write(line: string): unknown }>(
        (stream) =>
          typeof stream === 'object' &&
          stream !== null &&
          typeof (stream as { write?: unknown }).write === 'function',
        LOG_STREAM,
      ),
    ),
    // The conformance suite's `--seed` makes the mock's codes and tokens replayable through this.
    randomBytes: v.optional(
      v.custom<(size: number) => Uint8Array>(
        (source) => typeof source === 'function',
        'must be a function (size) => bytes',
      ),
    ),
  },
  // valibot names an unknown key by its path; this is the text after it.
  'unknown option',
);
