// Starts the built product on a fresh embedded database with the demo programme, for the browser tests.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(import.meta.dirname, '..');
// One database per port, so browser-test servers on different ports never share or wipe one.
const dir = join(root, `tmp/e2e-${process.env.PORT}`);
rmSync(dir, { recursive: true, force: true });
const child = spawn(process.execPath, [join(root, 'dist/backend/main.js')], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${join(dir, 'peerpals.sqlite')}`,
    SEED_DEMO: 'true',
    // Every page load refreshes the session and all browsers share 127.0.0.1: keep sign-in limits out of the way.
    RATE_LIMIT_AUTH_PER_MINUTE: '10000',
    RATE_LIMIT_ACCOUNT_PER_MINUTE: '10000',
    RATE_LIMIT_API_PER_MINUTE: '100000',
    PUBLIC_URL: `http://127.0.0.1:${process.env.PORT}`,
  },
});
// The server logs 4xx answers as warnings, which shows why a step failed. A signed-out page load's
// session refresh answers 401 by design; those lines would only bury the rest.
createInterface({ input: child.stdout }).on('line', (line) => {
  if (!(line.includes('"/api/v1/auth/refresh"') && line.includes('"statusCode":401')))
    process.stdout.write(`${line}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
