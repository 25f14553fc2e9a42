import { importKeyring } from '@tokenswap/core';
import type { FastifyInstance } from 'fastify';
import { type BuildAppOptions, buildApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { serviceEnv } from './stack.js';

/**
 * An app for `app.inject` tests: configured from a real environment (accounts URL pointing at a
 * closed local port unless given), never listening.
 */
export async function injectableApp(
  env: Record<string, string> = {},
  options: Partial<BuildAppOptions> = {},
): Promise<FastifyInstance> {
  const parsed = parseConfig(serviceEnv('http://127.0.0.1:9', env));
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const keyring = await importKeyring(parsed.config.keySpecs);
  if (!keyring.ok) throw keyring.error;
  return buildApp({ config: parsed.config, keyring: keyring.value, logger: false, ...options });
}
