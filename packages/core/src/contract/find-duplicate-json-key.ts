/**
 * The first key that appears twice in one object of a JSON text, decoded (`"a"` and `"\u0061"`
 * are the same key), or `undefined` when every object's keys are distinct — also when the text
 * is not JSON at all (reporting that is the parser's job). `JSON.parse` keeps the last of two
 * equal keys silently; a body that says `code` twice is ambiguous, like a repeated form field.
 *
 * @example
 * ```ts
 * findDuplicateJsonKey('{"code":"a","code":"b"}'); // 'code'
 * findDuplicateJsonKey('{"code":"a","x":{"code":"b"}}'); // undefined (different objects)
 * ```
 */
export function findDuplicateJsonKey(text: string): string | undefined {
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  // The text is valid JSON from here on, so a small scanner suffices: a stack with one key set
  // per open object (`null` for arrays), and whether the next string in an object is a key.
  const open: Array<Set<string> | null> = [];
  let expectKey = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      const end = endOfString(text, i);
      const keys = open.at(-1);
      if (keys && expectKey) {
        const key = JSON.parse(text.slice(i, end)) as string;
        if (keys.has(key)) return key;
        keys.add(key);
        expectKey = false;
      }
      i = end;
      continue;
    }
    if (ch === '{') {
      open.push(new Set());
      expectKey = true;
    } else if (ch === '[') {
      open.push(null);
    } else if (ch === '}' || ch === ']') {
      open.pop();
    } else if (ch === ',') {
      expectKey = open.at(-1) != null;
    }
    i += 1;
  }
  return undefined;
}

/** Index just past the closing quote of the string literal that opens at `start`. */
function endOfString(text: string, start: number): number {
  let j = start + 1;
  while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
  return j + 1;
}
