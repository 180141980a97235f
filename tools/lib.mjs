// @ts-check
// Small helpers shared by the npm scripts in tools/ (type-checked with JSDoc: tools/tsconfig.json).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Nx without its daemon, cloud or TUI; tasks see this process's environment only (no `.env` files). */
export const NX_ENV = {
  NX_DAEMON: 'false',
  NX_LOAD_DOT_ENV_FILES: 'false',
  NX_NO_CLOUD: 'true',
  NX_SKIP_NX_CACHE: process.env.NX_SKIP_NX_CACHE ?? '',
  NX_TUI: 'false',
};

/**
 * @typedef {object} RunOptions
 * @property {Record<string, string>} [env] added to this process's environment
 * @property {boolean} [capture] also collect stdout and stderr into `output` (they are still streamed)
 * @property {string} [cwd] default: the repository root
 * @property {import('node:child_process').StdioOptions} [stdio] default: inherited (or piped when capturing)
 */

/**
 * Runs a command, streaming its output; resolves with the exit code and (optionally) the captured output.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {RunOptions} [options]
 * @returns {Promise<{ code: number, output: string }>}
 */
export function run(command, args, { env = {}, capture = false, cwd = ROOT, stdio } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: stdio ?? (capture ? ['ignore', 'pipe', 'pipe'] : 'inherit'),
    });
    let output = '';
    if (capture) {
      child.stdout?.on('data', (chunk) => {
        output += chunk;
        process.stdout.write(chunk);
      });
      child.stderr?.on('data', (chunk) => {
        output += chunk;
        process.stderr.write(chunk);
      });
    }
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/**
 * Runs Nx (no daemon, no cloud, no TUI) with `args`.
 * @param {readonly string[]} args
 * @param {RunOptions} [options]
 */
export async function nx(args, options = {}) {
  return run(process.execPath, [join(ROOT, 'node_modules/nx/dist/bin/nx.js'), ...args], {
    ...options,
    env: { ...NX_ENV, ...(options.env ?? {}) },
  });
}

export const BACKEND_MAIN = join(ROOT, 'dist/backend/main.js');
export const FRONTEND_INDEX = join(ROOT, 'dist/frontend/browser/index.html');

/**
 * Builds the given projects (`backend`, `frontend`). Nx skips (or restores from its cache) any build whose sources did not
 * change, so this is quick when nothing is missing or stale.
 * @param {readonly ('backend' | 'frontend')[]} [projects]
 */
export async function ensureBuilt(projects = ['backend', 'frontend']) {
  const missing = projects.filter((p) => !existsSync(p === 'backend' ? BACKEND_MAIN : FRONTEND_INDEX));
  if (missing.length > 0) console.log(`Building ${missing.join(' and ')} (first run takes a minute)…`);
  const { code } = await nx(['run-many', '-t', 'build', `--projects=${projects.join(',')}`, '--outputStyle=static'], {
    stdio: missing.length > 0 ? 'inherit' : ['ignore', 'ignore', 'inherit'],
  });
  if (code !== 0) {
    console.error('Build failed.');
    process.exit(code);
  }
}

export const FIGURES_DIR = join(ROOT, 'tmp/figures');

/**
 * What jest's `--json` results hold of interest here.
 * @typedef {object} JestResults
 * @property {number} numPassedTests
 * @property {number} numFailedTests
 * @property {number} [numRuntimeErrorTestSuites]
 * @property {{ name: string, assertionResults: { title: string, ancestorTitles: string[], status: string }[] }[]} testResults
 */

/**
 * One runner's counts, as the summary lines print them ("name: N passed, M failed").
 * @typedef {{ name: string, passed: number, failed: number, code: number }} Outcome
 */

/**
 * Runs jest with one of the backend's configs and its JSON reporter; resolves with the exit code,
 * the counts and the JSON results (null when jest did not get as far as writing them).
 * @param {{ name: string, config: string, args?: readonly string[], env?: Record<string, string>, capture?: boolean }} options
 * @returns {Promise<Outcome & { output: string, json: JestResults | null }>}
 */
export async function runJest({ name, config, args = [], env = {}, capture = false }) {
  mkdirSync(join(ROOT, 'tmp'), { recursive: true });
  const outputFile = join(ROOT, `tmp/${name}-results.json`);
  rmSync(outputFile, { force: true });
  const { code, output } = await run(
    process.execPath,
    [
      join(ROOT, 'node_modules/jest/bin/jest.js'),
      '--config',
      join(ROOT, config),
      '--ci',
      '--json',
      `--outputFile=${outputFile}`,
      ...args,
    ],
    { env, capture },
  );
  const json = readJson(outputFile);
  return { ...summariseJest(name, code, json), output, json };
}

/**
 * Counts from jest's JSON results; a suite that failed to run counts as one failure, missing results as one.
 * @param {string} name
 * @param {number} code
 * @param {JestResults | null} json
 * @returns {Outcome}
 */
export function summariseJest(name, code, json) {
  if (!json) return { name, passed: 0, failed: 1, code: code || 1 };
  const failed = json.numFailedTests + (json.numRuntimeErrorTestSuites ?? 0);
  return { name, passed: json.numPassedTests, failed, code };
}

/**
 * A JSON file's content, or null when it is missing or unreadable.
 * @param {string} file
 * @returns {any}
 */
export function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
