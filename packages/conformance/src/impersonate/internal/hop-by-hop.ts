/** Headers that describe one connection, not the message (RFC 9110 §7.6.1): never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * Copies raw headers (`[name, value, name, value, …]`, as `message.rawHeaders`) in their order,
 * spelling and repetition, without hop-by-hop headers, including those the `Connection` header
 * names. Raw rather than parsed, so a repeated or oddly cased header reaches the mock as sent.
 */
export function endToEndRawHeaders(raw: readonly string[]): string[] {
  const named = new Set<string>(HOP_BY_HOP);
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i]?.toLowerCase() !== 'connection') continue;
    for (const name of (raw[i + 1] ?? '').split(',')) {
      const trimmed = name.trim().toLowerCase();
      if (trimmed !== '') named.add(trimmed);
    }
  }
  const copy: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? '';
    if (!named.has(name.toLowerCase())) copy.push(name, raw[i + 1] ?? '');
  }
  return copy;
}
