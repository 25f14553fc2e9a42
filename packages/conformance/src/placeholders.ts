import { createServer } from 'node:net';
import { randomBytes } from './internal/random.js';

/** Values for the placeholders allowed in `--spawn`, `--env` values and the URLs. */
export interface PlaceholderValues {
  accounts_url: string;
  client_id: string;
  client_secret: string;
  redirect_uri: string;
  /** A free port chosen for this instance. */
  port: string;
  /** 32 random bytes, base64url: a fresh encryption key per instance. */
  random_key: string;
  /** 32 random bytes, hex: a fresh secret per instance. */
  random_secret: string;
}

/** Every placeholder name, for docs and for telling users what a template may hold. */
export const PLACEHOLDERS = [
  'accounts_url',
  'client_id',
  'client_secret',
  'redirect_uri',
  'port',
  'random_key',
  'random_secret',
] as const satisfies readonly (keyof PlaceholderValues)[];

const PLACEHOLDER_PATTERN = new RegExp(`\\{(${PLACEHOLDERS.join('|')})\\}`, 'g');

/**
 * Replaces `{name}` placeholders; unknown `{…}` text is left alone (shell braces, JSON).
 *
 * @example
 * ```ts
 * fillPlaceholders('node server.js --port {port}', values); // 'node server.js --port 41234'
 * ```
 */
export function fillPlaceholders(template: string, values: PlaceholderValues): string {
  return template.replace(PLACEHOLDER_PATTERN, (_, name: keyof PlaceholderValues) => values[name]);
}

/** True when a template (command or env value) draws on a per-instance random value. */
export function usesRandomPlaceholder(template: string): boolean {
  return template.includes('{random_key}') || template.includes('{random_secret}');
}

/** Fresh per-instance values: a free port and random key material. */
export async function instanceValues(
  shared: Pick<PlaceholderValues, 'accounts_url' | 'client_id' | 'client_secret' | 'redirect_uri'>,
): Promise<PlaceholderValues> {
  return {
    ...shared,
    port: String(await freePort()),
    random_key: randomBytes(32).toString('base64url'),
    random_secret: randomBytes(32).toString('hex'),
  };
}

/** Asks the OS for a free port on 127.0.0.1 (released at once; the server binds it next). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port assigned');
  return address.port;
}
