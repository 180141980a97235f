// `npm run lint`: ESLint with the security rules (eslint.config.mjs) over the backend and the portal,
// then Prettier's check over the whole repository. Any error, warning or unformatted file fails.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';

const PATHS = ['backend', 'frontend/src'];
const report = join(ROOT, 'tmp/eslint.json');
mkdirSync(join(ROOT, 'tmp'), { recursive: true });
const eslint = spawnSync(
  process.execPath,
  [
    join(ROOT, 'node_modules/eslint/bin/eslint.js'),
    '--max-warnings',
    '0',
    '--format',
    'json',
    '--output-file',
    report,
    ...PATHS,
  ],
  {
    cwd: ROOT,
    stdio: 'inherit',
  },
);
let results;
try {
  results = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  console.error('lint: ESLint did not run');
  process.exit(1);
}
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
const prettier = spawnSync(
  process.execPath,
  [join(ROOT, 'node_modules/prettier/bin/prettier.cjs'), '--check', '--log-level', 'warn', '.'],
  {
    cwd: ROOT,
    stdio: 'inherit',
  },
);
console.log(`format: ${prettier.status === 0 ? 'all files formatted' : 'files above need `npx prettier --write .`'}`);
process.exit(eslint.status !== 0 || problems > 0 || prettier.status !== 0 ? 1 : 0);
