// @ts-check
// `npm run test:security`: the security suite with the full fuzzing budget, then its figures. The
// figures come from JSON: jest's results, the suites' figure files (backend/test/utils/figures.ts),
// ESLint's report and the fault suite's results.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, FIGURES_DIR, readJson, ROOT, run, runJest } from './lib.mjs';

const supply = await run(process.execPath, [join(ROOT, 'tools/supply-chain.mjs')]);
const lint = await run(process.execPath, [join(ROOT, 'tools/lint.mjs')]);
await ensureBuilt(['backend']);
rmSync(FIGURES_DIR, { recursive: true, force: true });
const suite = await runJest({
  name: 'security',
  config: 'backend/jest.config.cjs',
  args: [join(ROOT, 'backend/test/security'), join(ROOT, 'backend/test/e2e/anonymity')],
  env: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? '10000', TEST_FIGURES_DIR: FIGURES_DIR },
});

// Fault tests: a MariaDB server of their own, killed, stalled and restarted under load.
const faults = await run(process.execPath, [join(ROOT, 'tools/faults.mjs')]);

const figure = (name) => readJson(join(FIGURES_DIR, `${name}.json`)) ?? {};
const matrix = readJson(join(ROOT, 'backend/test/security/permission-matrix.json'));
const cells = Object.keys(matrix.routes).length * matrix.actors.length;
const failedMatrix = (suite.json?.testResults ?? [])
  .filter((r) => r.name.includes('permission-matrix'))
  .flatMap((r) => r.assertionResults)
  .filter((a) => a.status === 'failed').length;
const fuzz = figure('fuzz');
const fuzzSeed = figure('fuzz-seed').seed;
const forged = figure('forged-tokens').tried;
const leakScan = figure('anonymity-leak-scan');

// The fault suite's jest results: a scenario (top-level describe) survived when all its checks passed.
const faultChecks = (readJson(join(ROOT, 'tmp/faults-results.json'))?.testResults ?? []).flatMap(
  (r) => r.assertionResults,
);
const scenarios = new Map();
for (const c of faultChecks)
  scenarios.set(c.ancestorTitles[0], (scenarios.get(c.ancestorTitles[0]) ?? true) && c.status === 'passed');
const survived = [...scenarios.values()].filter(Boolean).length;
const lost = figure('faults').lostWrites;

// ESLint's JSON report, written by tools/lint.mjs.
const eslint = readJson(join(ROOT, 'tmp/eslint.json'));
const lintProblems = eslint?.reduce((n, file) => n + file.messages.length, 0);

console.log('\nSecurity figures');
console.log(
  `  routes × actors checked: ${cells} (${Object.keys(matrix.routes).length} routes × ${matrix.actors.length} actors), violations: ${failedMatrix}`,
);
console.log(
  `  fuzzed requests: ${fuzz.requests ?? 0}, responses ≥ 500: ${fuzz.serverErrors ?? '?'}, seed: ${fuzzSeed ?? '?'}`,
);
console.log(`  forged tokens tried: ${forged ?? 0}`);
console.log(`  anonymity leak scan: ${leakScan.sequences ?? 200} random sequences, seed ${leakScan.seed ?? '?'}`);
console.log(
  `  fault scenarios survived: ${survived} of ${scenarios.size || '?'}, acknowledged writes lost: ${lost ?? '?'}`,
);
console.log(`  supply chain: ${supply.code === 0 ? 'clean' : 'PROBLEMS'}`);
console.log(
  `  security lint (both projects): ${eslint ? `${eslint.length} files, ${lintProblems} problem(s)` : 'did not run'}`,
);
const checks = [supply.code, lint.code, faults.code];
const failed = suite.failed + checks.filter((c) => c !== 0).length;
console.log(`${suite.passed + checks.filter((c) => c === 0).length} passed, ${failed} failed`);
process.exit(suite.code !== 0 || checks.some((c) => c !== 0) ? 1 : 0);
