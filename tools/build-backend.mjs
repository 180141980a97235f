// Compiles the API to CommonJS in dist/backend (Node 20.19+ loads the ESM-only Nest packages via require).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

rmSync('dist/backend', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'backend/tsconfig.app.json'], {
  stdio: 'inherit',
});
