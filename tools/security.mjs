// `npm run test:security`: the security suite with the full fuzzing budget, then its figures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, ROOT, run } from './lib.mjs';

const supply = await run(process.execPath, [join(ROOT, 'tools/supply-chain.mjs')], { capture: true });
const lint = await run(process.execPath, [join(ROOT, 'tools/lint.mjs')], { capture: true });
await ensureBuilt(['backend']);
const results = join(ROOT, 'tmp/security-results.json');
const suite = await run(
  process.execPath,
  [
    join(ROOT, 'node_modules/jest/bin/jest.js'),
    '--config',
    join(ROOT, 'backend/jest.config.cjs'),
    '--ci',
    '--json',
    `--outputFile=${results}`,
    join(ROOT, 'backend/test/security'),
    join(ROOT, 'backend/test/e2e/anonymity'),
  ],
  { capture: true, env: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? '10000' } },
);

// Fault tests: a MariaDB server of their own, killed, stalled and restarted under load.
const faults = await run(process.execPath, [join(ROOT, 'tools/faults.mjs')], { capture: true });

const json = JSON.parse(readFileSync(results, 'utf8'));
const matrix = JSON.parse(readFileSync(join(ROOT, 'backend/test/security/permission-matrix.json'), 'utf8'));
const cells = Object.keys(matrix.routes).length * matrix.actors.length;
const failedMatrix = json.testResults
  .filter((r) => r.name.includes('permission-matrix'))
  .flatMap((r) => r.assertionResults)
  .filter((a) => a.status === 'failed').length;
const pick = (pattern) => pattern.exec(suite.output + faults.output)?.slice(1) ?? [];
const [fuzzed, serverErrors] = pick(/fuzzed requests: (\d+), server errors: (\d+)/);
const [fuzzSeed] = pick(/fuzz seed: (\d+)/);
const [forged] = pick(/forged tokens tried: (\d+)/);
const [leakSeed] = pick(/anonymity leak scan seed: (\d+)/);

console.log('\nSecurity figures');
console.log(
  `  routes × actors checked: ${cells} (${Object.keys(matrix.routes).length} routes × ${matrix.actors.length} actors), violations: ${failedMatrix}`,
);
console.log(`  fuzzed requests: ${fuzzed ?? 0}, responses ≥ 500: ${serverErrors ?? '?'}, seed: ${fuzzSeed ?? '?'}`);
console.log(`  forged tokens tried: ${forged ?? 0}`);
console.log(`  anonymity leak scan: 200 random sequences, seed ${leakSeed ?? '?'}`);
const [survived, scenarios, lost] = pick(/fault scenarios survived: (\d+) of (\d+), acknowledged writes lost: (\d+)/);
console.log(
  `  fault scenarios survived: ${survived ?? 0} of ${scenarios ?? '?'}, acknowledged writes lost: ${lost ?? '?'}`,
);
console.log(`  supply chain: ${supply.code === 0 ? 'clean' : 'PROBLEMS'}`);
console.log(`  security lint (both projects): ${/lint: (.*)/.exec(lint.output)?.[1] ?? 'did not run'}`);
const checks = [supply.code, lint.code, faults.code];
const failed = json.numFailedTests + json.numRuntimeErrorTestSuites + checks.filter((c) => c !== 0).length;
console.log(`${json.numPassedTests + checks.filter((c) => c === 0).length} passed, ${failed} failed`);
process.exit(suite.code !== 0 || checks.some((c) => c !== 0) ? 1 : 0);
