// `npm run lint`: ESLint with the security rules (eslint.config.mjs) over the backend and the portal,
// then Prettier's check over the whole repository. Any error, warning or unformatted file fails.
// Each is a cached Nx target (backend:lint, frontend:lint, tools:format-check): unchanged inputs are
// not linted again, and a cache hit restores ESLint's JSON report, which this script reads.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nx, readJson, ROOT } from './lib.mjs';

const PROJECTS = ['backend', 'frontend'];
mkdirSync(join(ROOT, 'tmp/eslint'), { recursive: true });
const eslint = await nx([
  'run-many',
  '-t',
  'lint',
  `--projects=${PROJECTS.join(',')}`,
  '--outputStyle=static',
  '--nxBail=false',
]);
/** @type {{ filePath: string, messages: { line: number, column: number, severity: number, message: string, ruleId: string | null }[] }[]} */
const results = [];
for (const project of PROJECTS) {
  const report = readJson(join(ROOT, `tmp/eslint/${project}.json`));
  if (!report) {
    console.error(`lint: ESLint did not run on ${project}`);
    process.exit(1);
  }
  results.push(...report);
}
// One report for both projects, as `npm run test:security` reads it.
writeFileSync(join(ROOT, 'tmp/eslint.json'), JSON.stringify(results));
let problems = 0;
for (const file of results) {
  for (const m of file.messages) {
    problems++;
    console.error(
      `${file.filePath.slice(ROOT.length + 1)}:${m.line}:${m.column} ${m.severity === 2 ? 'error' : 'warning'} ${m.message} (${m.ruleId ?? 'parse'})`,
    );
  }
}
console.log(`lint: ${results.length} files, ${problems} problem(s)`);

// Formatting: Prettier (.prettierrc.json, print width 120) over the whole repository.
const prettier = await nx(['run', 'tools:format-check', '--outputStyle=static']);
console.log(`format: ${prettier.code === 0 ? 'all files formatted' : 'files above need `npx prettier --write .`'}`);
process.exit(eslint.code !== 0 || problems > 0 || prettier.code !== 0 ? 1 : 0);
