import { expect } from 'vitest';
import type { Result, TokenSwapError } from '../src/index.js';

/** Asserts a failed Result and returns its error. */
export function expectError<T>(result: Result<T>): TokenSwapError {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

/** Asserts a successful Result and returns its value. */
export function expectValue<T>(result: Result<T>): T {
  if (!result.ok)
    throw new Error(`expected success, got ${result.error.code}: ${result.error.description}`);
  return result.value;
}

/** A deterministic random source: returns `bytes` (cycled) for every call. */
export function fixedRandom(bytes: Uint8Array): (n: number) => Uint8Array {
  return (n) => Uint8Array.from({ length: n }, (_, i) => bytes[i % bytes.length] as number);
}

export function hexToBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
}
