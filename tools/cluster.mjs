// `npm run test:cluster`: two API processes on one MariaDB/MySQL database and one Redis, behind a
// small round-robin proxy (backend/test/cluster/*.cluster-spec.ts, a jest project of its own:
// backend/jest.cluster.config.cjs). Builds the backend first: the suite runs the built server.
//
// Environment (all optional): DATABASE_URL (a mysql:// server to create a fresh database on; default
// mysql://root@127.0.0.1:3306), REDIS_URL (default redis://127.0.0.1:6379), CLUSTER_PORT_BASE
// (default 4810: proxy on it, the instances on the next ports).
import { ensureBuilt, runJest } from './lib.mjs';

await ensureBuilt(['backend']);
const result = await runJest({
  name: 'cluster',
  config: 'backend/jest.cluster.config.cjs',
  args: process.argv.slice(2),
});
console.log(`\ncluster: ${result.passed} passed, ${result.failed} failed`);
process.exit(result.code !== 0 || result.failed > 0 ? 1 : 0);
