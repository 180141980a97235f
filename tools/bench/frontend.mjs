// @ts-check
// The portal's side of `npm run bench`: production bundle sizes (initial and per lazy chunk, raw and
// brotli) and Lighthouse (performance, accessibility) on the sign-in page and each role's dashboard,
// served by the real API in production mode from the data set the bench generated.
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { brotliCompressSync, constants } from 'node:zlib';
import { nx, ROOT } from '../lib.mjs';

export const BUNDLE_DIR = join(ROOT, 'dist/frontend-bench');

/** Builds the portal into its own folder (so it does not clash with `npm start`'s build). */
export async function buildPortal() {
  const { code } = await nx(
    ['run', 'frontend:build', `--outputPath=${BUNDLE_DIR}`, '--statsJson', '--outputStyle=static'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (code !== 0) throw new Error('frontend build failed');
}

/**
 * kB as Angular's build reports them (1000 bytes).
 * @param {number} bytes
 */
const kb = (bytes) => Math.round(bytes / 100) / 10;
/** @param {string} file */
const brotli = (file) =>
  brotliCompressSync(readFileSync(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/**
 * Initial = main, the styles and every chunk main imports statically (transitively); the rest are
 * lazy chunks, named after the route or component file that starts them.
 */
export function bundleReport() {
  const stats = JSON.parse(readFileSync(join(BUNDLE_DIR, 'stats.json'), 'utf8'));
  const outputs = stats.outputs;
  const browser = join(BUNDLE_DIR, 'browser');
  const mainKey = Object.keys(outputs).find((k) => /(^|\/)main-[^/]+\.js$/.test(k));
  const initial = new Set();
  const visit = (key) => {
    if (initial.has(key)) return;
    initial.add(key);
    for (const i of outputs[key].imports ?? []) if (i.kind === 'import-statement' && outputs[i.path]) visit(i.path);
  };
  visit(mainKey);
  for (const key of Object.keys(outputs)) if (/(^|\/)styles-[^/]+\.css$/.test(key)) initial.add(key);
  const file = (key) => join(browser, basename(key));
  // A lazy chunk is named after the file that starts it; a shared one after its largest input.
  const nameOf = (key) => {
    if (outputs[key].entryPoint) return basename(outputs[key].entryPoint).replace(/\.ts$/, '');
    const [top] = Object.entries(outputs[key].inputs ?? {}).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput);
    return top
      ? `shared: ${top[0]
          .replace(/^.*node_modules\//, '')
          .replace(/^frontend\/src\/app\//, '')
          .replace(/\/fesm2022\/.*$/, '')}`
      : '';
  };
  const row = (key) => ({
    file: basename(key),
    name: nameOf(key),
    raw: statSync(file(key)).size,
    brotli: brotli(file(key)),
  });
  const initialRows = [...initial].map(row);
  const lazy = Object.keys(outputs)
    .filter((k) => k.endsWith('.js') && !initial.has(k))
    .map(row)
    .sort((a, b) => b.raw - a.raw);
  const inputsOfInitial = new Set([...initial].flatMap((k) => Object.keys(outputs[k].inputs ?? {})));
  const dashboardsLazy = ['features/student/', 'features/mentor/', 'features/admin/'].every(
    (dir) => ![...inputsOfInitial].some((i) => i.includes(dir)),
  );
  return {
    initialRawKb: kb(initialRows.reduce((n, r) => n + r.raw, 0)),
    initialBrotliKb: kb(initialRows.reduce((n, r) => n + r.brotli, 0)),
    initial: initialRows.map((r) => ({ ...r, raw: kb(r.raw), brotli: kb(r.brotli) })),
    lazy: lazy.map((r) => ({ ...r, raw: kb(r.raw), brotli: kb(r.brotli) })),
    dashboardsLazy,
  };
}

/**
 * @typedef {{ role: string, email: string, password: string }} BenchAccount
 * @typedef {{ page: string, url: string, performance: number, accessibility: number, lcpMs: number, tbtMs: number, cls: number, landedOnPage: boolean, layoutShifts: { score: number, node: string }[] }} LighthouseResult
 */

/**
 * Lighthouse (its desktop preset: simulated fast network, no CPU slowdown; Debian Chromium) on sign-in and each dashboard, signed in through a fresh refresh cookie.
 * @param {{ baseUrl: string, accounts: readonly BenchAccount[], log?: (...args: unknown[]) => void }} options
 * @returns {Promise<LighthouseResult[]>}
 */
export async function lighthouseRuns({ baseUrl, accounts, log = console.log }) {
  const { default: lighthouse } = await import('lighthouse');
  const { default: desktopConfig } = await import('lighthouse/core/config/desktop-config.js');
  const chromeLauncher = await import('chrome-launcher');
  /** @type {{ name: string, path: string, account?: BenchAccount }[]} */
  const pages = [
    { name: 'sign-in', path: '/sign-in' },
    ...accounts.map((a) => ({ name: `${a.role} dashboard`, path: `/${a.role}`, account: a })),
  ];
  /** @type {LighthouseResult[]} */
  const results = [];
  for (const page of pages) {
    const chrome = await chromeLauncher.launch({
      chromePath: '/usr/bin/chromium',
      chromeFlags: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    try {
      /** @type {Record<string, string>} */
      const extraHeaders = {};
      if (page.account) {
        const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: page.account.email, password: page.account.password }),
        });
        const cookie = (res.headers.getSetCookie?.() ?? []).find((c) => c.startsWith('pp_refresh='));
        if (!res.ok || !cookie) throw new Error(`could not sign in ${page.account.email} (${res.status})`);
        extraHeaders.Cookie = cookie.split(';')[0];
      }
      const config = {
        ...desktopConfig,
        settings: { ...desktopConfig.settings, onlyCategories: ['performance', 'accessibility'] },
      };
      const run = await lighthouse(
        `${baseUrl}${page.path}`,
        { port: chrome.port, output: 'json', logLevel: 'error', extraHeaders },
        config,
      );
      if (!run) throw new Error(`Lighthouse returned nothing for ${page.path}`);
      const lhr = run.lhr;
      const finalUrl = lhr.finalDisplayedUrl ?? lhr.finalUrl;
      /** @type {{ items?: { score?: number, node?: { selector?: string, snippet?: string } }[] } | undefined} */
      const shifts = /** @type {any} */ (lhr.audits['layout-shifts']?.details);
      const shiftItems = shifts?.items ?? [];
      results.push({
        page: page.name,
        url: finalUrl,
        performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
        accessibility: Math.round((lhr.categories.accessibility.score ?? 0) * 100),
        lcpMs: Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? 0),
        tbtMs: Math.round(lhr.audits['total-blocking-time']?.numericValue ?? 0),
        cls: Math.round((lhr.audits['cumulative-layout-shift']?.numericValue ?? 0) * 1000) / 1000,
        landedOnPage: new URL(finalUrl).pathname.startsWith(page.path),
        layoutShifts: shiftItems.slice(0, 5).map((i) => ({
          score: Math.round((i.score ?? 0) * 1000) / 1000,
          node: i.node?.selector ?? i.node?.snippet ?? '',
        })),
      });
      const last = results[results.length - 1];
      log(
        `  Lighthouse ${page.name}: performance ${last.performance}, accessibility ${last.accessibility} (${new URL(finalUrl).pathname})`,
      );
    } finally {
      await chrome.kill();
    }
  }
  return results;
}

/**
 * The API serving the bench build of the portal, for Lighthouse.
 * @param {{ env: Record<string, string>, port: number }} options
 * @returns {Promise<import('node:child_process').ChildProcess>}
 */
export async function startPortal({ env, port }) {
  const child = spawn(process.execPath, [join(ROOT, 'dist/backend/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      FRONTEND_DIST: join(BUNDLE_DIR, 'browser'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error('portal server exited');
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) return child;
    } catch {
      // starting
    }
    await sleep(150);
  }
  throw new Error('portal server did not start');
}
