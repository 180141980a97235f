// @ts-check
// Supply-chain checks: every locked package comes from the npm registry with an integrity hash, and
// no committed file carries a credential.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';

const REGISTRY = 'https://registry.npmjs.org/';
const problems = [];

const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
let locked = 0;
for (const [name, entry] of Object.entries(lock.packages ?? {})) {
  if (!name || entry.link) continue;
  locked++;
  // Without `resolved` npm fetches from the configured registry; a URL, when present, must be the registry's.
  if (entry.resolved && !entry.resolved.startsWith(REGISTRY))
    problems.push(`${name}: resolved from ${entry.resolved} (registry only)`);
  if (!entry.integrity?.startsWith('sha512-')) problems.push(`${name}: no sha512 integrity`);
}

/** @type {[RegExp, string][]} */
const SECRET_PATTERNS = [
  [/-----BEGIN (RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----/, 'private key'],
  [/AKIA[0-9A-Z]{16}/, 'AWS access key'],
  [/gh[pousr]_[A-Za-z0-9]{36}/, 'GitHub token'],
  [/xox[baprs]-[A-Za-z0-9-]{10,}/, 'Slack token'],
  [/eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}/, 'JSON Web Token'],
  [/(JWT_SECRET|PASSWORD|SMTP_URL)=["']?[^\s"'$]{8,}/, 'secret in an environment assignment'],
];
const files = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f && !f.endsWith('package-lock.json') && !f.startsWith('frontend/src/app/core/api/'));
for (const file of files) {
  let text;
  try {
    text = readFileSync(join(ROOT, file), 'utf8');
  } catch {
    continue;
  }
  for (const [pattern, what] of SECRET_PATTERNS) {
    if (pattern.test(text)) problems.push(`${file}: looks like a committed ${what}`);
  }
}

console.log(
  `supply chain: ${locked} locked packages checked, ${files.length} files scanned for secrets, ${problems.length} problem(s)`,
);
for (const problem of problems) console.error(`  ${problem}`);
process.exit(problems.length > 0 ? 1 : 0);
