import type { FastifyInstance, FastifyReply } from 'fastify';
import { Agent, request } from 'undici';
import { serviceError } from '../../errors.js';
import { PLAYGROUND_FAULT_NAMES, type PlaygroundFaultName, playgroundFaults } from './faults.js';
import { PLAYGROUND_ROUTES } from './routes.js';

/** What the proxy routes need to know. */
export interface DevProxyOptions {
  /** Origin of the mock accounts service. */
  mockUrl: string;
  /** The service's upstream timeout, so the slow fault outlasts it. */
  upstreamTimeoutMs: number;
}

/** Headers of the mock's answer worth showing to the page (the rest is transport detail). */
const FORWARDED_HEADERS = ['content-type', 'retry-after', 'www-authenticate'] as const;

/** Furthest the page may move the mock's clock in one step: one year. */
const MAX_ADVANCE_SECONDS = 365 * 24 * 3600;

/**
 * The development-only routes that let the page reach the mock, which lives on another origin
 * (no CORS there): `GET /__playground/me` forwards the page's bearer token to `/v1/me`; the
 * other two drive the mock's control API (clock, faults). Each goes to one fixed mock URL —
 * never one taken from the request — so this is not an open proxy.
 */
export async function registerDevProxyRoutes(
  app: FastifyInstance,
  options: DevProxyOptions,
): Promise<void> {
  const agent = new Agent({ headersTimeout: 30_000, bodyTimeout: 30_000 });
  app.addHook('onClose', async () => {
    await agent.close();
  });
  const faults = playgroundFaults(options.upstreamTimeoutMs);
  const mock = (path: string) => new URL(path, options.mockUrl).toString();

  const forward = async (
    reply: FastifyReply,
    url: string,
    init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
  ) => {
    const answer = await callMock(agent, url, init);
    reply.code(answer.status);
    for (const name of FORWARDED_HEADERS) {
      const value = answer.headers[name];
      if (typeof value === 'string') reply.header(name, value);
    }
    return reply.send(answer.body);
  };

  app.get(PLAYGROUND_ROUTES.me, async (req, reply) => {
    const authorization = req.headers.authorization;
    return forward(reply, mock('/v1/me'), {
      method: 'GET',
      headers: authorization === undefined ? {} : { authorization },
    });
  });

  app.post<{ Body: { advance: number } }>(
    PLAYGROUND_ROUTES.clock,
    {
      schema: {
        body: {
          type: 'object',
          required: ['advance'],
          additionalProperties: false,
          properties: { advance: { type: 'integer', minimum: 1, maximum: MAX_ADVANCE_SECONDS } },
        },
      },
    },
    async (req, reply) =>
      forward(reply, mock('/__mock/clock'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advance: req.body.advance }),
      }),
  );

  app.post<{ Body: { fault: PlaygroundFaultName } }>(
    PLAYGROUND_ROUTES.faults,
    {
      schema: {
        body: {
          type: 'object',
          required: ['fault'],
          additionalProperties: false,
          properties: { fault: { type: 'string', enum: [...PLAYGROUND_FAULT_NAMES] } },
        },
      },
    },
    async (req, reply) => {
      const chosen = faults[req.body.fault];
      const answer = await callMock(agent, mock('/__mock/faults'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ endpoint: 'token', fault: chosen.fault, count: 1 }),
      });
      if (answer.status !== 201) {
        throw serviceError('mockRefusedFault');
      }
      return reply.code(201).send({
        fault: req.body.fault,
        endpoint: 'token',
        upstream: chosen.upstream,
        expected: chosen.expected,
      });
    },
  );
}

interface MockAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

async function callMock(
  agent: Agent,
  url: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
): Promise<MockAnswer> {
  try {
    const response = await request(url, {
      dispatcher: agent,
      method: init.method,
      headers: init.headers,
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    return {
      status: response.statusCode,
      headers: response.headers,
      body: await response.body.text(),
    };
  } catch (error) {
    throw serviceError('mockUnreachable', undefined, error);
  }
}
