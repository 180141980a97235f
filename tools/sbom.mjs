// `npm run sbom`: a CycloneDX bill of materials of the production dependencies.
import { mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';

const out = join(ROOT, 'dist/sbom/peerpals.cdx.json');
const sbom = execFileSync(
  'npm',
  ['sbom', '--sbom-format', 'cyclonedx', '--sbom-type', 'application', '--omit', 'dev'],
  { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
const parsed = JSON.parse(sbom);
mkdirSync(join(ROOT, 'dist/sbom'), { recursive: true });
writeFileSync(out, `${JSON.stringify(parsed, null, 2)}\n`);
console.log(`Wrote ${out}: ${parsed.components?.length ?? 0} components (CycloneDX ${parsed.specVersion}).`);
