// `npm run e2e`: the browser tests in Debian's Chromium against the built product.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, ROOT, run } from './lib.mjs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(
    `Chromium not found at ${chromium}. Install it with: apt-get install -y chromium (or set CHROMIUM_PATH).`,
  );
  process.exit(1);
}
// E2E_SKIP_BUILD=1 with FRONTEND_DIST=<dir> runs against an already built portal (e.g. a second build output).
if (process.env.E2E_SKIP_BUILD !== '1') await ensureBuilt();
const { code, output } = await run(
  process.execPath,
  [
    join(ROOT, 'node_modules/@playwright/test/cli.js'),
    'test',
    '-c',
    join(ROOT, 'e2e/playwright.config.ts'),
    ...process.argv.slice(2),
  ],
  { capture: true },
);
const passed = Number(/(\d+) passed/.exec(output)?.[1] ?? 0);
const failed = Number(/(\d+) failed/.exec(output)?.[1] ?? 0) + (code !== 0 && !/(\d+) failed/.test(output) ? 1 : 0);
console.log(`\ne2e: ${passed} passed, ${failed} failed`);
process.exit(code);
