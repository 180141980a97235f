// `npm run e2e`: the browser tests in Debian's Chromium against the built product. The counts come
// from Playwright's JSON reporter (tmp/e2e-results.json); the list reporter prints the run.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, readJson, ROOT, run } from './lib.mjs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(
    `Chromium not found at ${chromium}. Install it with: apt-get install -y chromium (or set CHROMIUM_PATH).`,
  );
  process.exit(1);
}
// E2E_SKIP_BUILD=1 with FRONTEND_DIST=<dir> runs against an already built portal (e.g. a second build output).
if (process.env.E2E_SKIP_BUILD !== '1') await ensureBuilt();
mkdirSync(join(ROOT, 'tmp'), { recursive: true });
const report = join(ROOT, 'tmp/e2e-results.json');
rmSync(report, { force: true });
const { code } = await run(
  process.execPath,
  [
    join(ROOT, 'node_modules/@playwright/test/cli.js'),
    'test',
    '-c',
    join(ROOT, 'e2e/playwright.config.ts'),
    '--reporter=list,json',
    ...process.argv.slice(2),
  ],
  { env: { PLAYWRIGHT_JSON_OUTPUT_NAME: report } },
);
const stats = readJson(report)?.stats;
// Errors outside any test (a failed web server, a broken config) count as one failure.
const passed = stats ? stats.expected + stats.flaky : 0;
const failed = stats ? stats.unexpected + (code !== 0 && stats.unexpected === 0 ? 1 : 0) : 1;
console.log(`\ne2e: ${passed} passed, ${failed} failed`);
process.exit(code);
