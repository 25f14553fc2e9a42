/**
 * The packages only some configurations use — `ioredis` (a Redis token store), `better-sqlite3`
 * (a SQLite token store) and `@tokenswap/mock-accounts` (development mode) — are optional peer
 * dependencies: `npm i @tokenswap/swap-service` compiles and installs none of them, and a
 * process loads one only when its configuration needs it.
 */
export const OPTIONAL_PACKAGES = {
  ioredis: 'a redis:// or redis+cluster:// TOKEN_STORE',
  'better-sqlite3': 'a sqlite: TOKEN_STORE on Node < 22.13',
  '@tokenswap/mock-accounts': 'development mode (no Spotify credentials, the playground)',
} as const;

/** The name of an optional package. */
export type OptionalPackage = keyof typeof OPTIONAL_PACKAGES;

/** The message for an optional package that is not installed: what to install, for what. */
export function missingPackageMessage(name: OptionalPackage): string {
  return `${OPTIONAL_PACKAGES[name]} needs the package ${name}, which is not installed: run \`npm i ${name}\``;
}

function isMissing(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    message.includes(`'${name}'`)
  );
}

/**
 * Imports an optional package; when it is not installed, throws an `Error` saying exactly what
 * to install and for what (its message is safe for start-up logs). Any other failure (a native
 * addon built for another Node) is thrown as it is.
 *
 * @example
 * ```ts
 * const { Redis } = await loadOptional('ioredis', () => import('ioredis'));
 * ```
 */
export async function loadOptional<Module>(
  name: OptionalPackage,
  load: () => Promise<Module>,
): Promise<Module> {
  try {
    return await load();
  } catch (error) {
    if (isMissing(error, name)) throw new Error(missingPackageMessage(name), { cause: error });
    throw error;
  }
}
