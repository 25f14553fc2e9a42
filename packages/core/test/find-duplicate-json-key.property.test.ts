import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicateJsonKey } from '../src/index.js';

/**
 * JSON texts built from a tree whose objects are lists of entries, so a key may repeat (which
 * `JSON.stringify` of a plain object can never produce). Keys come from a small pool, escaped
 * or not, so repeats are frequent, and strings may hold quotes, backslashes and braces.
 */
type Node =
  | { kind: 'leaf'; value: unknown }
  | { kind: 'array'; items: Node[] }
  | { kind: 'object'; entries: [key: string, spelling: 'plain' | 'escaped', value: Node][] };

const KEY_POOL = ['code', 'a', '"', '\\', '{', '}', ',', ':', ''];
const nodeArb = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      kind: fc.constant('leaf' as const),
      value: fc.oneof(
        fc.string(),
        fc.constantFrom('"}', '\\"', '{"a":1}'),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
      ),
    }),
    fc.record({
      kind: fc.constant('array' as const),
      items: fc.array(tie('node'), { maxLength: 4 }),
    }),
    fc.record({
      kind: fc.constant('object' as const),
      entries: fc.array(
        fc.tuple(
          fc.oneof(fc.constantFrom(...KEY_POOL), fc.string({ maxLength: 3 })),
          fc.constantFrom('plain' as const, 'escaped' as const),
          tie('node'),
        ),
        { maxLength: 5 },
      ),
    }),
  ),
})).node;

function escapedKey(key: string): string {
  return `"${[...key].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`;
}

function render(node: Node, space: string): string {
  switch (node.kind) {
    case 'leaf':
      return JSON.stringify(node.value);
    case 'array':
      return `[${node.items.map((item) => render(item, space)).join(`,${space}`)}]`;
    case 'object':
      return `{${node.entries
        .map(([key, spelling, value]) => {
          const name = spelling === 'plain' ? JSON.stringify(key) : escapedKey(key);
          return `${space}${name}${space}:${space}${render(value, space)}`;
        })
        .join(',')}}`;
  }
}

/** The oracle: does any object in the tree list one key twice? */
function hasRepeat(node: Node): boolean {
  switch (node.kind) {
    case 'leaf':
      return false;
    case 'array':
      return node.items.some(hasRepeat);
    case 'object': {
      const keys = node.entries.map(([key]) => key);
      return (
        new Set(keys).size !== keys.length || node.entries.some(([, , value]) => hasRepeat(value))
      );
    }
  }
}

describe('findDuplicateJsonKey (property)', () => {
  it('finds a repeated key exactly when some object in the text has one', () => {
    fc.assert(
      fc.property(nodeArb, fc.constantFrom('', ' ', '\n  '), (node, space) => {
        const text = render(node, space);
        const found = findDuplicateJsonKey(text);
        expect(found !== undefined).toBe(hasRepeat(node));
      }),
      { numRuns: 2000 },
    );
  });
});
