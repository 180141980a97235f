// `npm run cli -- <command>`: the operator commands (migrate, seed-demo, create-admin, …).
import { join } from 'node:path';
import { ensureBuilt, ROOT, run } from './lib.mjs';

await ensureBuilt(['backend']);
const { code } = await run(process.execPath, [join(ROOT, 'dist/backend/cli.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(code);
