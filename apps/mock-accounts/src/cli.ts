import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DEMO_CLIENT, type MockAccountsOptions } from './config.js';
import { MockConfigError } from './resolve-config.js';
import { startMockAccounts } from './server.js';

const USAGE = `Usage: tokenswap-mock-accounts [options]

A mock of Spotify's accounts service (/authorize, /api/token, /v1/me) with a control API.

Options:
  --port <n>            port to listen on (default 4000; 0 picks a free one)
  --host <host>         interface to listen on (default 127.0.0.1)
  --config <file>       JSON file with clients, users and any other option
  --auto-approve        skip the consent page (redirect at once with a code, first user)
  --rotation <mode>     refresh-token rotation: off | always | pkce (default pkce)
  --log                 log requests (paths only, never query strings or bodies)
  -h, --help            show this help
`;

class UsageError extends Error {}

function parsePort(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) throw new UsageError(`--port: not a port: ${raw}`);
  return port;
}

async function readConfigFile(path: string): Promise<MockAccountsOptions> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--config: cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error('the top level must be an object');
    }
    return parsed as MockAccountsOptions;
  } catch (error) {
    throw new UsageError(`--config: ${path} is not valid: ${(error as Error).message}`);
  }
}

/** Turns argv into options: the config file first, flags override it. */
async function optionsFrom(argv: string[]): Promise<MockAccountsOptions | 'help'> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      config: { type: 'string' },
      'auto-approve': { type: 'boolean' },
      rotation: { type: 'string' },
      log: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const rotation = values.rotation;
  if (
    rotation !== undefined &&
    rotation !== 'off' &&
    rotation !== 'always' &&
    rotation !== 'pkce'
  ) {
    throw new UsageError(`--rotation: must be off, always or pkce, not ${rotation}`);
  }
  const fromFile = values.config === undefined ? {} : await readConfigFile(values.config);
  const port = parsePort(values.port);
  return {
    port: 4000,
    ...fromFile,
    ...(port === undefined ? {} : { port }),
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values['auto-approve'] ? { autoApprove: true } : {}),
    ...(rotation === undefined ? {} : { rotation }),
    ...(values.log ? { logger: true } : {}),
  };
}

async function main(argv: string[]): Promise<number> {
  let options: MockAccountsOptions | 'help';
  try {
    options = await optionsFrom(argv);
  } catch (error) {
    process.stderr.write(`tokenswap-mock-accounts: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  let mock: Awaited<ReturnType<typeof startMockAccounts>>;
  try {
    mock = await startMockAccounts(options);
  } catch (error) {
    if (error instanceof MockConfigError) {
      process.stderr.write(`tokenswap-mock-accounts: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`tokenswap-mock-accounts: cannot start: ${(error as Error).message}\n`);
    return 1;
  }
  const lines = [
    `tokenswap mock accounts listening on ${mock.url}`,
    `  authorize:   ${mock.url}/authorize`,
    `  token:       ${mock.url}/api/token`,
    `  profile:     ${mock.url}/v1/me`,
    `  control API: ${mock.url}/__mock/`,
    `  rotation: ${mock.config.rotation}, auto-approve: ${mock.config.autoApprove}`,
  ];
  for (const client of mock.config.clients) {
    // Only the built-in demo secret is printed: it is public anyway; configured ones never are.
    const secret = client.id === DEMO_CLIENT.id && client.secret === DEMO_CLIENT.secret;
    lines.push(
      `  client ${client.id} (${client.name})${secret ? ` secret ${client.secret}` : ''}`,
      `    redirect URIs: ${client.redirectUris.join(', ')}`,
    );
  }
  lines.push(`  users: ${mock.config.users.map((u) => u.id).join(', ')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = () => {
    mock.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

main(process.argv.slice(2)).then((code) => {
  if (code >= 0) process.exitCode = code;
});
