// `npm test`: every unit and integration test. The backend suites run on the embedded SQLite
// database, or on MySQL/MariaDB when DATABASE_URL is a mysql:// URL (each suite on a fresh database).
// `npm test -- --backend` runs only the backend suites (CI's second pass on MariaDB).
// The counts come from the runners' JSON reports (jest's --json, Vitest's json reporter).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { nx, readJson, ROOT, summariseJest } from './lib.mjs';

const backendOnly = process.argv.includes('--backend');
const database = process.env.DATABASE_URL?.startsWith('mysql://') ? 'MySQL' : 'embedded SQLite';
/** @type {{ name: string, passed: number, failed: number, code: number }[]} */
const results = [];

mkdirSync(join(ROOT, 'tmp'), { recursive: true });

/** One pass/fail line for a target that has no test count of its own. */
const outcome = (name, code) => ({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, code });

// The type checks are cached Nx targets: each re-runs only when one of its inputs changed.
console.log('\n▶ Type check (backend sources and tests, tools/ through JSDoc)');
const typecheck = await nx(['run-many', '-t', 'typecheck', '--projects=backend,tools', '--outputStyle=stream']);
results.push(outcome('typecheck', typecheck.code));

// The Redis suites (backend/test/redis) run only when REDIS_URL names a Redis server (CI sets it).
// backend:test builds the backend first (the log-scan suite runs the built server) and is never
// cached: its suites depend on the database and Redis servers named in the environment.
console.log(
  `\n▶ Backend tests on ${database}${process.env.REDIS_URL ? ', with the Redis suites' : ' (Redis suites off: REDIS_URL is not set)'}`,
);
const backendReport = join(ROOT, 'tmp/backend-results.json');
rmSync(backendReport, { force: true });
const backend = await nx(['run', 'backend:test', '--outputStyle=stream']);
results.push(summariseJest('backend', backend.code, readJson(backendReport)));

if (!backendOnly) {
  console.log('\n▶ Frontend unit tests');
  // The ci configuration adds Vitest's json reporter (tmp/vitest-results.json) to the default one. The
  // target is cached: a hit replays the output and restores the report.
  const report = join(ROOT, 'tmp/vitest-results.json');
  rmSync(report, { force: true });
  const frontend = await nx(['run', 'frontend:test:ci', '--outputStyle=stream']);
  results.push(summariseVitest('frontend', frontend.code, readJson(report)));

  console.log('\n▶ OpenAPI document and generated client');
  const openapi = await nx(['run', 'backend:openapi-check', '--outputStyle=stream']);
  results.push(outcome('openapi', openapi.code));
}

console.log('\nSummary');
for (const r of results) console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const broken = results.some((r) => r.code !== 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(broken || failed > 0 ? 1 : 0);

/** Counts from Vitest's JSON report; a test file that failed to load counts as one failure. */
function summariseVitest(name, code, json) {
  if (!json) return { name, passed: 0, failed: 1, code: code || 1 };
  const brokenFiles = json.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((a) => a.status === 'failed'),
  ).length;
  const failed = json.numFailedTests + brokenFiles;
  return { name, passed: json.numPassedTests, failed: failed || (code !== 0 ? 1 : 0), code };
}
