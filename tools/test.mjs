// `npm test`: every unit and integration test. The backend suites run on the embedded SQLite
// database, or on MySQL/MariaDB when DATABASE_URL is a mysql:// URL (each suite on a fresh database).
// `npm test -- --backend` runs only the backend suites (CI's second pass on MariaDB).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, nx, ROOT, run } from './lib.mjs';

const backendOnly = process.argv.includes('--backend');
const database = process.env.DATABASE_URL?.startsWith('mysql://') ? 'MySQL' : 'embedded SQLite';
const results = [];

mkdirSync(join(ROOT, 'tmp'), { recursive: true });

console.log('\n▶ Backend type check (sources and tests)');
const typecheck = await run(process.execPath, [
  join(ROOT, 'node_modules/typescript/bin/tsc'),
  '-p',
  join(ROOT, 'backend/tsconfig.spec.json'),
  '--noEmit',
]);
results.push({
  name: 'typecheck',
  passed: typecheck.code === 0 ? 1 : 0,
  failed: typecheck.code === 0 ? 0 : 1,
  code: typecheck.code,
});

// The log-scan suite runs the built server as its own process.
await ensureBuilt(['backend']);

// The Redis suites (backend/test/redis) run only when REDIS_URL names a Redis server (CI sets it).
console.log(
  `\n▶ Backend tests on ${database}${process.env.REDIS_URL ? ', with the Redis suites' : ' (Redis suites off: REDIS_URL is not set)'}`,
);
const jestResults = join(ROOT, 'tmp/jest-results.json');
const backend = await run(process.execPath, [
  join(ROOT, 'node_modules/jest/bin/jest.js'),
  '--config',
  join(ROOT, 'backend/jest.config.cjs'),
  '--ci',
  '--json',
  `--outputFile=${jestResults}`,
]);
results.push(summariseJest('backend', backend.code, jestResults));

if (!backendOnly) {
  console.log('\n▶ Frontend unit tests');
  const frontend = await nx(['run', 'frontend:test', '--outputStyle=stream'], { capture: true });
  results.push(summariseVitest('frontend', frontend.code, frontend.output));

  console.log('\n▶ OpenAPI document and generated client');
  const openapi = await run(process.execPath, [join(ROOT, 'tools/openapi.mjs'), '--check']);
  results.push({
    name: 'openapi',
    passed: openapi.code === 0 ? 1 : 0,
    failed: openapi.code === 0 ? 0 : 1,
    code: openapi.code,
  });
}

console.log('\nSummary');
for (const r of results) console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const broken = results.some((r) => r.code !== 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(broken || failed > 0 ? 1 : 0);

function summariseJest(name, code, file) {
  try {
    const json = JSON.parse(readFileSync(file, 'utf8'));
    const failed = json.numFailedTests + (json.numRuntimeErrorTestSuites ?? 0);
    return { name, passed: json.numPassedTests, failed, code };
  } catch {
    return { name, passed: 0, failed: 1, code: code || 1 };
  }
}

function summariseVitest(name, code, output) {
  // Strip colours, then read Vitest's "Tests  3 failed | 12 passed (15)" line.
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const line =
    plain
      .split('\n')
      .reverse()
      .find((l) => /(^|[\s:])Tests\s+\d/.test(l)) ?? '';
  const passed = Number(/(\d+) passed/.exec(line)?.[1] ?? 0);
  const failed = Number(/(\d+) failed/.exec(line)?.[1] ?? 0);
  return { name, passed, failed: failed || (code !== 0 ? Math.max(1, failed) : 0), code };
}
