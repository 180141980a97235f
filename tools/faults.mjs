// `npm run test:faults`: the built API against a MariaDB server of its own that the suite kills,
// stalls and restarts, with a TCP proxy in between to slow or drop the connection
// (backend/test/faults/*.faults-spec.ts, a jest project of its own: backend/jest.faults.config.cjs).
// Needs the MariaDB server binaries (mariadbd, mariadb-install-db); uses ports 4750–4752 (or from
// FAULTS_PORT_BASE on).
// Writes tmp/faults-results.json (jest) and tmp/figures/faults.json, which `npm run test:security` reads.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, FIGURES_DIR, readJson, runJest } from './lib.mjs';

const installed = (names) => names.some((n) => existsSync(`/usr/sbin/${n}`) || existsSync(`/usr/bin/${n}`));
if (!installed(['mariadbd', 'mysqld']) || !installed(['mariadb-install-db', 'mysql_install_db'])) {
  console.error('test:faults needs the MariaDB server (apt-get install mariadb-server).');
  console.log('faults: 0 passed, 1 failed');
  process.exit(1);
}
await ensureBuilt(['backend']);
const figuresFile = join(FIGURES_DIR, 'faults.json');
rmSync(figuresFile, { force: true });
const result = await runJest({
  name: 'faults',
  config: 'backend/jest.faults.config.cjs',
  args: process.argv.slice(2),
  env: { TEST_FIGURES_DIR: FIGURES_DIR },
});

// A scenario is a top-level describe block; it survived when every check in it passed.
const checks = (result.json?.testResults ?? []).flatMap((file) => file.assertionResults);
const scenarios = new Map();
for (const check of checks) {
  const scenario = check.ancestorTitles[0] ?? check.title;
  scenarios.set(scenario, (scenarios.get(scenario) ?? true) && check.status === 'passed');
}
const survived = [...scenarios.values()].filter(Boolean).length;
const lost = readJson(figuresFile)?.lostWrites ?? '?';
console.log(`\nfault scenarios survived: ${survived} of ${scenarios.size}, acknowledged writes lost: ${lost}`);
console.log(`faults: ${result.passed} passed, ${result.failed} failed`);
process.exit(result.code !== 0 || result.failed > 0 ? 1 : 0);
