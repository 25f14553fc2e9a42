// Starts workerd on a bundled Worker the way `wrangler dev --local` would, without wrangler
// (which needs Node >= 22): a generated config with the handler's variables as text bindings,
// listening on 127.0.0.1:$PORT, outbound fetch allowed to loopback (the mock).
// Usage: node launch-workerd.mjs <workerd binary> <bundle.mjs>
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const [workerd, bundle] = process.argv.slice(2);
const NAMES = /^(SPOTIFY_|TOKEN_|UPSTREAM_TIMEOUT_MS$|SWAP_PATH$|REFRESH_PATH$|CORS_ORIGINS$)/;
const bindings = Object.entries(process.env)
  .filter(([name]) => NAMES.test(name))
  .map(([name, value]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`);

const config = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "net", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${process.env.PORT}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.mjs", esModule = embed ${JSON.stringify(basename(bundle))})],
  compatibilityDate = "2026-11-01",
  bindings = [${bindings.join(', ')}],
  globalOutbound = "net",
);
`;
// One file per port: the suite starts a second instance (SEC-005) from the same bundle.
const file = join(dirname(bundle), `config-${process.env.PORT}.capnp`);
writeFileSync(file, config);
const child = spawn(workerd, ['serve', file], { stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));
