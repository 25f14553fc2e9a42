import { describe, expect, it } from 'vitest';
import { findDuplicateJsonKey, parseJsonBody } from '../src/index.js';
import { expectError, expectValue } from './helpers.js';

describe('findDuplicateJsonKey', () => {
  it.each([
    ['{"code":"a","code":"b"}', 'code'],
    ['{"code":"a","\\u0063ode":"b"}', 'code'],
    ['{"x":{"y":1,"y":2}}', 'y'],
    ['[{"a":1},{"b":2,"b":3}]', 'b'],
    ['{"a":[1,{"k":"v","k":"w"}]}', 'k'],
    ['{"a":{"b":1},"a":2}', 'a'],
    ['{"":1,"":2}', ''],
    ['{ "q\\"uote" : 1 , "q\\"uote" : 2 }', 'q"uote'],
  ])('finds the repeated key in %s', (text, key) => {
    expect(findDuplicateJsonKey(text)).toBe(key);
  });

  it.each([
    '{"code":"a","code_verifier":"b"}',
    '{"code":"a","x":{"code":"b"}}',
    '[{"code":"a"},{"code":"b"}]',
    '{"a":"code","code":"a"}',
    '{"a":["b","b"],"b":1}',
    '{"a":"\\"b\\":1,\\"b","b":2}',
    '{"a":{},"b":[],"c":{"a":1}}',
    '"code"',
    '42',
    '{}',
  ])('finds none in %s', (text) => {
    expect(findDuplicateJsonKey(text)).toBeUndefined();
  });

  it('leaves text that is not JSON to the parser', () => {
    expect(findDuplicateJsonKey('{"code":"a","code":')).toBeUndefined();
    expect(findDuplicateJsonKey('')).toBeUndefined();
  });
});

describe('parseJsonBody', () => {
  it('returns the parsed value when every key is distinct', () => {
    expect(expectValue(parseJsonBody('{"code":"AQD","code_verifier":"x"}'))).toEqual({
      code: 'AQD',
      code_verifier: 'x',
    });
  });

  it('refuses a repeated contract field like a repeated form field', () => {
    const error = expectError(parseJsonBody('{"refresh_token":"a","refresh_token":"b"}'));
    expect(error.code).toBe('invalid_request');
    expect(error.status).toBe(400);
    expect(error.description).toBe('refresh_token is repeated; send it once');
  });

  it('refuses any other repeated key without echoing it', () => {
    const secretish = 'AQBsecretlookingkey';
    const error = expectError(parseJsonBody(`{"${secretish}":1,"${secretish}":2}`));
    expect(error.toJSON()).toEqual({
      error: 'invalid_request',
      error_description: 'request body repeats a JSON key; send each field once',
    });
  });

  it('refuses text that is not JSON without quoting it', () => {
    const error = expectError(parseJsonBody('{"code":"AQDsecret"'));
    expect(error.toJSON()).toEqual({
      error: 'invalid_request',
      error_description: 'request body is not valid JSON',
    });
  });
});
