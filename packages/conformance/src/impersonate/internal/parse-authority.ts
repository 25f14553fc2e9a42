/** A CONNECT target, `host:port`, with the host lower-cased and any trailing dot dropped. */
export interface Authority {
  readonly host: string;
  readonly port: number;
}

/**
 * Parses the authority-form target of a CONNECT request (`accounts.spotify.com:443`,
 * `[::1]:443`). Returns `undefined` for anything else, which the proxy refuses.
 */
export function parseAuthority(target: string | undefined): Authority | undefined {
  if (target === undefined) return undefined;
  const match = /^(\[[0-9a-fA-F:.]+\]|[^\s/:@[\]]+):(\d{1,5})$/.exec(target);
  if (match === null) return undefined;
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return undefined;
  const host = (match[1] ?? '').toLowerCase().replace(/\.$/, '');
  return { host, port };
}
