/**
 * A log line as a leak search must see it: the text itself plus every byte array, Base64 and hex
 * run in it decoded (latin1). Node's parse errors carry the request as `rawPacket`, which pino
 * writes as `{"type":"Buffer","data":[80,79,83,84,…]}` — a grep for a token finds nothing there.
 *
 * @example
 * ```ts
 * const leaked = decodedViews(line).some((view) => view.includes(sealedToken));
 * ```
 */
export function decodedViews(text: string): string[] {
  const views = [text];
  for (const match of text.matchAll(/\[\s*\d{1,3}(?:\s*,\s*\d{1,3}){7,}\s*\]/g)) {
    const bytes = match[0].slice(1, -1).split(',').map(Number);
    if (bytes.every((byte) => byte <= 255)) views.push(Buffer.from(bytes).toString('latin1'));
  }
  // Node's Base64 decoder takes both alphabets (standard and URL-safe).
  for (const match of text.matchAll(/[A-Za-z0-9+/_-]{16,}={0,2}/g)) {
    views.push(Buffer.from(match[0], 'base64').toString('latin1'));
  }
  for (const match of text.matchAll(/(?:[0-9a-fA-F]{2}){8,}/g)) {
    views.push(Buffer.from(match[0], 'hex').toString('latin1'));
  }
  return views;
}

/** A request line or head (`POST /swap HTTP/1.1`) in any decoded view: request bytes were logged. */
export function carriesRequestBytes(text: string): boolean {
  return decodedViews(text).some((view) =>
    /\b[A-Z]{3,10} \S{1,2048} HTTP\/[0-9.]{1,3}(?:\r|\n|\\r|\\n)/.test(view),
  );
}
