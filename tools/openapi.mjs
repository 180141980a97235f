// `npm run openapi`: writes backend/openapi.json from the real application and regenerates the
// Angular client in frontend/src/app/core/api. `--check` fails when either committed copy is stale.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureBuilt, ROOT, run } from './lib.mjs';

const check = process.argv.includes('--check');
const DOCUMENT = join(ROOT, 'backend/openapi.json');
const CLIENT = join(ROOT, 'frontend/src/app/core/api');
const GENERATOR_CONFIG = join(ROOT, 'frontend/ng-openapi-gen.json');
const work = join(ROOT, 'tmp/openapi');

// As the Nx target backend:openapi-check, the build is a dependency Nx has already run.
if (!process.env.NX_TASK_TARGET_PROJECT) await ensureBuilt(['backend']);
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

const documentOut = join(work, 'openapi.json');
let result = await run(process.execPath, [join(ROOT, 'dist/backend/openapi.js'), documentOut]);
if (result.code !== 0) process.exit(result.code);

const config = JSON.parse(readFileSync(GENERATOR_CONFIG, 'utf8'));
const clientOut = join(work, 'client');
const workConfig = join(work, 'ng-openapi-gen.json');
writeFileSync(
  workConfig,
  JSON.stringify({ ...config, input: documentOut, output: clientOut, $schema: undefined }, null, 2),
);
result = await run(process.execPath, [join(ROOT, 'node_modules/ng-openapi-gen/lib/index.js'), '--config', workConfig], {
  capture: true,
});
if (result.code !== 0) process.exit(result.code);

function listFiles(dir) {
  try {
    return readdirSync(dir, { recursive: true })
      .map(String)
      .filter((file) => statSync(join(dir, file)).isFile())
      .sort();
  } catch {
    return [];
  }
}

if (check) {
  const stale = [];
  if (readFileSync(documentOut, 'utf8') !== safeRead(DOCUMENT)) stale.push(relative(ROOT, DOCUMENT));
  const generated = listFiles(clientOut);
  const committed = listFiles(CLIENT);
  for (const file of new Set([...generated, ...committed])) {
    if (safeRead(join(clientOut, file)) !== safeRead(join(CLIENT, file)))
      stale.push(relative(ROOT, join(CLIENT, file)));
  }
  if (stale.length > 0) {
    console.error(
      `The OpenAPI document or the generated client is stale (${stale.length} file(s)):\n  ${stale.slice(0, 20).join('\n  ')}\nRun \`npm run openapi\` and commit the result.`,
    );
    process.exit(1);
  }
  console.log('OpenAPI document and generated client are up to date.');
} else {
  cpSync(documentOut, DOCUMENT);
  rmSync(CLIENT, { recursive: true, force: true });
  cpSync(clientOut, CLIENT, { recursive: true });
  console.log(`Wrote ${relative(ROOT, DOCUMENT)} and ${relative(ROOT, CLIENT)}/.`);
}

function safeRead(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
