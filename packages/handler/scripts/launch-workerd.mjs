// Starts workerd on a bundled Worker with the port and variables of this process's
// environment (what the conformance CLI's --spawn provides), like `wrangler dev --local`.
// Usage: node launch-workerd.mjs <bundle.mjs>
import { spawn } from 'node:child_process';
import { directLaunch, RUNTIMES } from './runtimes.mjs';

const workerd = RUNTIMES.find((runtime) => runtime.name === 'workerd');
const { file, args } = directLaunch(workerd, process.argv[2], process.env.PORT, process.env);
const child = spawn(file, args, { stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));
