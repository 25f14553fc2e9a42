import type { AddressInfo } from 'node:net';

/**
 * The part of a Fastify instance (e.g. `buildMockApp().app`) the impersonation needs. Typed
 * structurally so this module does not depend on Fastify.
 */
export interface ListenableApp {
  listen(options: { host: string; port: number }): Promise<string>;
  close(): unknown;
  readonly server: { readonly listening: boolean; address(): AddressInfo | string | null };
}

/** The mock's plain-HTTP origin, and how to let go of it. */
export interface MockOrigin {
  readonly origin: string;
  /** Closes the app if (and only if) the impersonation started it listening. */
  release(): Promise<void>;
}

/**
 * Resolves `mockUrl` or `mockApp` to an origin the TLS endpoint forwards to. An app that is not
 * listening yet is started on 127.0.0.1:0 and closed again by `release()`.
 */
export async function resolveMockOrigin(
  mockUrl: string | undefined,
  mockApp: ListenableApp | undefined,
): Promise<MockOrigin> {
  if ((mockUrl === undefined) === (mockApp === undefined)) {
    throw new TypeError('startImpersonation: give exactly one of mockUrl or mockApp');
  }
  if (mockUrl !== undefined) return { origin: httpOrigin(mockUrl), release: async () => {} };
  const app = mockApp as ListenableApp;
  if (app.server.listening) {
    const address = app.server.address();
    if (address === null || typeof address === 'string') {
      throw new TypeError('startImpersonation: mockApp listens on a pipe, not on TCP');
    }
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return { origin: httpOrigin(`http://${host}:${address.port}`), release: async () => {} };
  }
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    origin: httpOrigin(url),
    release: async () => {
      await app.close();
    },
  };
}

function httpOrigin(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`startImpersonation: mockUrl is not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:') {
    throw new TypeError(`startImpersonation: mockUrl must be a plain http:// URL, got ${url}`);
  }
  return parsed.origin;
}
