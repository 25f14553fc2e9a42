import { post } from '@tokenswap/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './helpers/stack.js';

// Regression (issue 16): a JSON body that repeats a key was read last-wins, while the same
// repetition in a form is refused. Both are refused now, before anything reaches upstream.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});

const JSON_TYPE = 'application/json';

describe('JSON bodies with repeated keys', () => {
  it('a repeated code is 400 invalid_request naming the field, like a repeated form field', async () => {
    const code = stack.mintCode();
    stack.mock.journal.clear();
    const json = await post(
      `${stack.service.url}/swap`,
      `{"code":"${code}","code":"${code}"}`,
      JSON_TYPE,
    );
    const form = await post(`${stack.service.url}/swap`, `code=${code}&code=${code}`);
    for (const answer of [json, form]) {
      expect(answer.status).toBe(400);
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.json).toEqual({
        error: 'invalid_request',
        error_description: 'code is repeated; send it once',
      });
      expect(answer.text).not.toContain(code);
    }
    expect(stack.mock.journal.entries()).toEqual([]);
  });

  it('an escaped spelling of the same key is the same key', async () => {
    const answer = await post(
      `${stack.service.url}/refresh`,
      '{"refresh_token":"a","refresh\\u005ftoken":"b"}',
      JSON_TYPE,
    );
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      error: 'invalid_request',
      error_description: 'refresh_token is repeated; send it once',
    });
  });

  it('any other repeated key is refused without echoing it', async () => {
    const key = 'AQCsomething-secret-looking';
    const answer = await post(
      `${stack.service.url}/swap`,
      `{"code":"x","extra":{"${key}":1,"${key}":2}}`,
      JSON_TYPE,
    );
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      error: 'invalid_request',
      error_description: 'request body repeats a JSON key; send each field once',
    });
    expect(answer.text).not.toContain(key);
  });

  it('a JSON body with distinct keys still swaps, and prototype poisoning is still refused', async () => {
    const ok = await post(
      `${stack.service.url}/swap`,
      JSON.stringify({ code: stack.mintCode() }),
      JSON_TYPE,
    );
    expect(ok.status).toBe(200);
    expect(typeof ok.json.refresh_token).toBe('string');
    const poisoned = await post(
      `${stack.service.url}/swap`,
      '{"code":"x","__proto__":{"polluted":1}}',
      JSON_TYPE,
    );
    expect(poisoned.status).toBe(400);
    expect(poisoned.json.error).toBe('invalid_request');
  });
});
