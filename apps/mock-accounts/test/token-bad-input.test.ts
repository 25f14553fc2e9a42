import { send } from '@tokenswap/test-support';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockAccounts } from '../src/index.js';
import { BASIC, postToken, startMock, tokenError } from './helpers.js';

let mock: MockAccounts;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

const rawPost = (body: string, headers: Record<string, string>) =>
  send(`${mock.url}/api/token`, {
    method: 'POST',
    headers: { authorization: BASIC, ...headers },
    body,
  });

describe('/api/token bad input gets Spotify errors, never a 500', () => {
  it('grant_type missing', async () => {
    const res = await postToken(mock.url, {});
    expect(res.status).toBe(400);
    expect(res.json).toEqual(
      tokenError('unsupported_grant_type', 'grant_type parameter is missing'),
    );
  });

  it('grant_type unknown', async () => {
    const res = await postToken(mock.url, { grant_type: 'password' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual(
      tokenError(
        'unsupported_grant_type',
        'grant_type must be client_credentials, authorization_code or refresh_token',
      ),
    );
  });

  it('a JSON content type gets 415 server_error "Unexpected status: 415"', async () => {
    for (const contentType of [
      'application/json',
      'application/json; charset=utf-8',
      'application/vnd.api+json',
    ]) {
      const res = await rawPost('{"grant_type":"client_credentials"}', {
        'content-type': contentType,
      });
      expect(res.status).toBe(415);
      expect(res.json).toEqual(tokenError('server_error', 'Unexpected status: 415'));
    }
  });

  it('malformed JSON with a JSON content type still gets the 415', async () => {
    const res = await rawPost('{"grant_type":', { 'content-type': 'application/json' });
    expect(res.status).toBe(415);
  });

  it('a JSON body sent as a form reads as "grant_type parameter is missing"', async () => {
    const res = await rawPost('{"grant_type":"client_credentials"}', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual(
      tokenError('unsupported_grant_type', 'grant_type parameter is missing'),
    );
  });

  it('other content types and no body are read as "no parameters"', async () => {
    const text = await rawPost('grant_type=client_credentials', { 'content-type': 'text/plain' });
    expect(text.json).toEqual(
      tokenError('unsupported_grant_type', 'grant_type parameter is missing'),
    );
    const empty = await send(`${mock.url}/api/token`, {
      method: 'POST',
      headers: { authorization: BASIC },
    });
    expect(empty.status).toBe(400);
    expect(empty.json).toEqual(
      tokenError('unsupported_grant_type', 'grant_type parameter is missing'),
    );
  });

  it('a repeated parameter is invalid_request', async () => {
    const res = await rawPost('grant_type=client_credentials&grant_type=refresh_token', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual(tokenError('invalid_request', 'Parameters must not be repeated'));
  });

  it('a body over 64 KiB gets 413 invalid_request', async () => {
    const res = await rawPost(`grant_type=client_credentials&pad=${'a'.repeat(70_000)}`, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(413);
    expect(res.json).toEqual(tokenError('invalid_request', 'Request body too large'));
  });

  it('garbage form bytes do not crash it', async () => {
    const res = await rawPost('%%%&&==\u0000\uffff', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(400);
    expect((res.json as { error: string }).error).toBe('unsupported_grant_type');
  });

  it('a lying Content-Length is answered or closed, not a 500', async () => {
    const res = await request(`${mock.url}/api/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '5' },
      body: 'grant_type=client_credentials',
    }).then(
      async (r) => ({ status: r.statusCode, body: await r.body.text() }),
      () => ({ status: 0, body: '' }),
    );
    expect(res.status).not.toBe(500);
  });

  it('unknown paths get a JSON 404', async () => {
    const res = await send(`${mock.url}/api/nothing`);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: { status: 404, message: 'Service not found' } });
  });
});
