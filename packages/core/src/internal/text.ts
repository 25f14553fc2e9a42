/** Shared UTF-8 codec instances (creating them per call costs more than the work itself). */
export const utf8Encoder = new TextEncoder();
/** `fatal: true` so invalid UTF-8 is an error, not silently replaced. */
export const strictUtf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** Visible ASCII only (0x21–0x7E): no spaces, controls or non-ASCII. */
export function isVisibleAscii(text: string): boolean {
  return /^[\x21-\x7e]*$/.test(text);
}

/** UTF-8 byte length without allocating. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
