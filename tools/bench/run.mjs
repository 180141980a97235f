// @ts-check
// `npm run bench`: the API measured against a bare node:http + mysql2 baseline doing the same SQL,
// on a seeded data set in MariaDB/MySQL. See docs/performance.md for what each figure means.
import { execFileSync, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import mysql from 'mysql2/promise';
import { BACKEND_MAIN, ensureBuilt, ROOT } from '../lib.mjs';
import {
  BENCH_PASSWORD,
  countsFor,
  ensureBufferPool,
  ensureDataset,
  idFor,
  mentorEmail,
  studentEmail,
} from './generate.mjs';
import { buildPortal, bundleReport, lighthouseRuns, startPortal } from './frontend.mjs';

const env = process.env;
const num = (name, fallback) => (env[name] === undefined || env[name] === '' ? fallback : Number(env[name]));
const config = {
  serverUrl: env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/',
  scale: num('BENCH_SCALE', 1),
  seed: num('BENCH_SEED', 42),
  rounds: num('BENCH_ROUNDS', 3),
  x4Rounds: num('BENCH_X4_ROUNDS', 2),
  duration: num('BENCH_DURATION', 8),
  connections: num('BENCH_CONNECTIONS', 32),
  mixedSeconds: num('BENCH_MIXED_SECONDS', 60),
  bufferPoolMb: num('BENCH_BUFFER_POOL_MB', 4096),
  x4: env.BENCH_X4 !== '0',
  only: env.BENCH_ONLY ? env.BENCH_ONLY.split(',') : null,
  logLevel: env.BENCH_LOG_LEVEL ?? 'warn',
  apiPort: num('BENCH_API_PORT', 4900),
  barePort: num('BENCH_BARE_PORT', 4901),
  appUser: 'peerpals_bench',
  appPassword: env.BENCH_DB_PASSWORD ?? 'bench-only-password-7Qm2',
};
const OUT = join(ROOT, 'tmp/bench');
mkdirSync(OUT, { recursive: true });
const multiCore = cpus().length > 1;
const SERVER_CPU = '0';
const LOAD_CPU = multiCore ? '1' : '0';
const started = Date.now();
const log = (...args) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s]`, ...args);
const jwtSecret = randomBytes(48).toString('base64url');
const children = new Set();

/** The read scenarios that also run at 4x data. */
const READS = [
  'dashboard',
  'calendar',
  'threadList1',
  'threadList100',
  'threadPage',
  'hotPage1',
  'hotPage100',
  'hotPage10000',
];
const SCENARIOS = [
  { name: 'login', title: 'login (16 concurrent)', connections: 16 },
  { name: 'dashboard', title: 'student dashboard (5 calls)' },
  { name: 'calendar', title: 'mentor calendar week' },
  { name: 'threadList1', title: 'thread list page 1' },
  { name: 'threadList100', title: 'thread list page 100' },
  { name: 'threadPage', title: 'thread page (replies)' },
  { name: 'hotPage1', title: 'hot thread page 1' },
  { name: 'hotPage100', title: 'hot thread page 100' },
  { name: 'hotPage10000', title: 'hot thread page 10 000' },
  { name: 'createRequest', title: 'create request (distinct students)', write: true },
];

function dbUrl(name, user = config.appUser, password = config.appPassword) {
  const url = new URL(config.serverUrl);
  url.username = user;
  url.password = password;
  url.pathname = `/${name}`;
  return url.toString();
}

function pinned(cpu, args, options) {
  const child = spawn('taskset', ['-c', cpu, process.execPath, ...args], { cwd: ROOT, ...options });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

async function waitForHttp(url, child, name) {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await sleep(150);
  }
  throw new Error(`${name} did not start`);
}

/** Production mode, as deployed; only the rate limits are lifted (one address sends all the load). */
function apiEnv(database) {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    DATABASE_URL: dbUrl(database),
    JWT_SECRET: jwtSecret,
    LOG_LEVEL: config.logLevel,
    SEED_DEMO: 'false',
    RATE_LIMIT_API_PER_MINUTE: '1000000',
    RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
    RATE_LIMIT_ACCOUNT_PER_MINUTE: '1000000',
    REDIS_URL: '',
  };
}

async function startServers(database) {
  const eldDir = join(OUT, 'eld');
  mkdirSync(eldDir, { recursive: true });
  const common = { BENCH_ELD_FILE: '', NODE_OPTIONS: `--require ${join(ROOT, 'tools/bench/eld-probe.cjs')}` };
  const apiLog = [];
  const api = pinned(SERVER_CPU, [BACKEND_MAIN], {
    env: {
      ...process.env,
      ...common,
      ...apiEnv(database),
      BENCH_ELD_FILE: join(eldDir, 'api.json'),
      BENCH_PROFILE_FILE: env.BENCH_PROFILE === '1' ? join(OUT, 'api.cpuprofile') : '',
      PORT: String(config.apiPort),
      PUBLIC_URL: `http://127.0.0.1:${config.apiPort}`,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  api.stderr.on('data', (chunk) => apiLog.push(String(chunk)));
  const bare = pinned(SERVER_CPU, [join(ROOT, 'tools/bench/bare-server.mjs')], {
    env: {
      ...process.env,
      ...common,
      BENCH_ELD_FILE: join(eldDir, 'bare.json'),
      BARE_PORT: String(config.barePort),
      DATABASE_URL: dbUrl(database),
      JWT_SECRET: jwtSecret,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForHttp(`http://127.0.0.1:${config.apiPort}/api/v1/health`, api, 'API');
    await waitForHttp(`http://127.0.0.1:${config.barePort}/`, bare, 'bare server');
  } catch (error) {
    console.error(apiLog.join(''));
    throw error;
  }
  return {
    api: { name: 'api', child: api, url: `http://127.0.0.1:${config.apiPort}`, eld: join(eldDir, 'api.json') },
    bare: { name: 'bare', child: bare, url: `http://127.0.0.1:${config.barePort}`, eld: join(eldDir, 'bare.json') },
  };
}

async function stopServers(servers) {
  if (env.BENCH_PROFILE === '1') {
    servers.api.child.kill('SIGWINCH');
    await sleep(1500);
  }
  for (const s of Object.values(servers)) {
    s.child.kill('SIGTERM');
    await new Promise((resolve) => (s.child.exitCode !== null ? resolve(null) : s.child.once('exit', resolve)));
  }
}

function token(id, role) {
  const now = Math.floor(Date.now() / 1000);
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'at+jwt' })).toString('base64url');
  const payload = Buffer.from(
    JSON.stringify({
      sub: id,
      role,
      tv: 0,
      typ: 'access',
      iat: now,
      exp: now + 900,
      aud: 'peerpals-api',
      iss: 'peerpals',
    }),
  ).toString('base64url');
  return `${header}.${payload}.${createHmac('sha256', jwtSecret).update(`${header}.${payload}`).digest('base64url')}`;
}

const cursor = (at, id) => Buffer.from(JSON.stringify([new Date(at).toISOString(), id])).toString('base64url');

/** What the load generator needs from the data set (ids and keyset cursors); read once per data set. */
async function datasetFacts(db, scale) {
  const c = countsFor(scale);
  const hotThread = idFor('thread', 0);
  const [[{ replies }]] = await db.query(
    'SELECT COUNT(*) AS replies FROM discussion_posts WHERE thread_id = ? AND is_opening = 0',
    [hotThread],
  );
  const afterRow = async (page) => {
    const offset = Math.max(0, Math.min((page - 1) * 20 - 1, Number(replies) - 21));
    const [[row]] = await db.query(
      'SELECT created_at, id FROM discussion_posts WHERE thread_id = ? AND is_opening = 0 ORDER BY created_at, id LIMIT 1 OFFSET ?',
      [hotThread, offset],
    );
    return cursor(row.created_at, row.id);
  };
  const [threadRows] = await db.query(
    "SELECT id FROM discussion_threads WHERE audience = 'community' AND id <> ? ORDER BY id LIMIT 500",
    [hotThread],
  );
  const [[threadAfter]] = await db.query(
    'SELECT last_activity_at, id FROM discussion_threads ORDER BY last_activity_at DESC, id DESC LIMIT 1 OFFSET ?',
    [Math.min(99 * 20 - 1, c.threads - 21)],
  );
  return {
    threads: threadRows.map((r) => r.id),
    hotThread,
    hotReplies: Number(replies),
    hotCursor100: await afterRow(100),
    hotCursor10000: await afterRow(10_000),
    threadCursor100: cursor(threadAfter.last_activity_at, threadAfter.id),
  };
}

/** Ids, tokens and cursors for one load run; tokens live 15 minutes, so they are minted for each run. */
async function writeFixtures(ctx) {
  ctx.facts ??= await datasetFacts(ctx.db, ctx.scale);
  const c = countsFor(ctx.scale);
  const students = Array.from({ length: Math.min(c.students, 2000) }, (_, i) => ({
    id: idFor('student', i),
    token: token(idFor('student', i), 'student'),
  }));
  const mentors = Array.from({ length: c.mentors }, (_, i) => ({
    id: idFor('mentor', i),
    token: token(idFor('mentor', i), 'mentor'),
  }));
  const admins = Array.from({ length: 3 }, (_, i) => ({
    id: idFor('admin', i),
    token: token(idFor('admin', i), 'admin'),
  }));
  const askers = Array.from({ length: c.students }, (_, i) => ({
    token: token(idFor('student', i), 'student'),
    mentorId: idFor('mentor', i % c.mentors),
  }));
  const week = 7 * 86_400_000;
  const monday = Math.floor((Date.now() - 4 * 86_400_000) / week) * week + 4 * 86_400_000;
  const fixtures = {
    password: BENCH_PASSWORD,
    students,
    mentors,
    askers,
    admins,
    loginEmails: Array.from({ length: Math.min(c.students, 1000) }, (_, i) => studentEmail(i)),
    weekStarts: Array.from({ length: 26 }, (_, i) => monday - i * 2 * week),
    ...ctx.facts,
  };
  const file = join(OUT, 'fixtures.json');
  writeFileSync(file, JSON.stringify(fixtures));
  return file;
}

// --- measurements around one load run -------------------------------------------------------

function procStat(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { cpuTicks: Number(fields[11]) + Number(fields[12]) };
}
/** The local database server's process, when it runs on this machine (its CPU time per request is reported). */
function databasePid() {
  for (const name of ['mariadbd', 'mysqld']) {
    try {
      const pid = execFileSync('pidof', ['-s', name], { encoding: 'utf8' }).trim();
      if (pid) return Number(pid);
    } catch {
      // not running under that name
    }
  }
  return null;
}
const DB_PID = new URL(config.serverUrl).hostname.match(/^(127\.0\.0\.1|localhost)$/) ? databasePid() : null;
const dbCpuTicks = () => (DB_PID ? procStat(DB_PID).cpuTicks : NaN);

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Per-user counters (MariaDB userstat) when available, else the server-wide ones. */
async function dbCounters(admin, userstat) {
  if (userstat) {
    const [rows] = await admin.query(
      'SELECT ROWS_READ, SELECT_COMMANDS, UPDATE_COMMANDS, OTHER_COMMANDS FROM information_schema.USER_STATISTICS WHERE USER = ?',
      [config.appUser],
    );
    const r = rows[0] ?? { ROWS_READ: 0, SELECT_COMMANDS: 0, UPDATE_COMMANDS: 0, OTHER_COMMANDS: 0 };
    return {
      statements: Number(r.SELECT_COMMANDS) + Number(r.UPDATE_COMMANDS) + Number(r.OTHER_COMMANDS),
      rowsRead: Number(r.ROWS_READ),
    };
  }
  const [rows] = await admin.query("SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Innodb_rows_read')");
  const v = Object.fromEntries(rows.map((r) => [r.Variable_name, Number(r.Value)]));
  return { statements: v.Questions, rowsRead: v.Innodb_rows_read };
}

async function eventLoopDelay(server) {
  server.child.kill('SIGUSR2');
  await sleep(100);
  try {
    return JSON.parse(readFileSync(server.eld, 'utf8'));
  } catch {
    return null;
  }
}

function runLoad(spec) {
  return new Promise((resolve, reject) => {
    const child = pinned(LOAD_CPU, [join(ROOT, 'tools/bench/load.mjs'), JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop() ?? ''))
        : reject(new Error(`load generator exited with ${code}`)),
    );
  });
}

/** One measured run against one server: load plus the server's CPU, RSS, event loop and SQL counters. */
/**
 * @param {any} ctx
 * @param {any} server
 * @param {string} scenario
 * @param {{ duration?: number, connections?: number, rate?: number }} [options]
 */
async function measure(
  ctx,
  server,
  scenario,
  { duration = config.duration, connections = config.connections, rate } = {},
) {
  const pid = server.child.pid;
  await eventLoopDelay(server);
  const before = await dbCounters(ctx.admin, ctx.userstat);
  const cpuBefore = procStat(pid).cpuTicks;
  const dbCpuBefore = dbCpuTicks();
  const rss = [rssMb(pid)];
  const sampler = setInterval(() => rss.push(rssMb(pid)), 250);
  const load = await runLoad({ url: server.url, scenario, connections, duration, rate, fixtures: ctx.fixtures });
  clearInterval(sampler);
  rss.push(rssMb(pid));
  const cpuTicks = procStat(pid).cpuTicks - cpuBefore;
  const dbTicks = dbCpuTicks() - dbCpuBefore;
  await sleep(200);
  const after = await dbCounters(ctx.admin, ctx.userstat);
  const eld = await eventLoopDelay(server);
  const n = Math.max(1, load.requests);
  return {
    ...load,
    rssMaxMb: Math.max(...rss),
    rssStartMb: rss[0],
    rssEndMb: rss[rss.length - 1],
    cpuMsPerRequest: (cpuTicks * 10) / n,
    dbCpuMsPerRequest: (dbTicks * 10) / n,
    sqlPerRequest: (after.statements - before.statements) / n,
    rowsReadPerRequest: (after.rowsRead - before.rowsRead) / n,
    eventLoop: eld,
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function summarise(runs) {
  const pick = (k) => median(runs.map((r) => r[k]));
  return {
    rps: pick('rps'),
    p50: pick('p50'),
    p99: pick('p99'),
    errors: runs.reduce(
      (n, r) => n + r.errors + (r.statuses['500'] ?? 0) + (r.statuses['502'] ?? 0) + (r.statuses['503'] ?? 0),
      0,
    ),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    rssMb: Math.max(...runs.map((r) => r.rssMaxMb)),
    cpuMsPerRequest: pick('cpuMsPerRequest'),
    dbCpuMsPerRequest: pick('dbCpuMsPerRequest'),
    sqlPerRequest: pick('sqlPerRequest'),
    rowsReadPerRequest: pick('rowsReadPerRequest'),
    statuses: runs.reduce((all, r) => {
      for (const [k, v] of Object.entries(r.statuses)) all[k] = (all[k] ?? 0) + v;
      return all;
    }, {}),
  };
}

async function clearPending(db) {
  await db.query(
    "UPDATE mentoring_requests SET status = 'withdrawn', pending_student_id = NULL WHERE pending_student_id IS NOT NULL",
  );
}

/** Bare and API alternately, `rounds` times, after a short warm-up of each. */
async function compare(ctx, servers, scenario) {
  const runs = { bare: [], api: [] };
  const options = { connections: scenario.connections ?? config.connections };
  ctx.fixtures = await writeFixtures(ctx);
  for (const s of [servers.bare, servers.api]) {
    await measure(ctx, s, scenario.name, { ...options, duration: 2 });
    if (scenario.write) await clearPending(ctx.db);
  }
  if (env.BENCH_PROFILE === '1') servers.api.child.kill('SIGWINCH');
  for (let round = 0; round < ctx.rounds; round++) {
    const order = round % 2 === 0 ? [servers.bare, servers.api] : [servers.api, servers.bare];
    for (const s of order) {
      ctx.fixtures = await writeFixtures(ctx);
      runs[s.name].push(await measure(ctx, s, scenario.name, options));
      if (scenario.write) await clearPending(ctx.db);
    }
  }
  const bare = summarise(runs.bare);
  const api = summarise(runs.api);
  log(
    `${scenario.title.padEnd(36)} api ${api.rps.toFixed(0).padStart(6)} req/s p99 ${api.p99} ms | bare ${bare.rps.toFixed(0).padStart(6)} req/s p99 ${bare.p99} ms | ratio ${(api.rps / bare.rps).toFixed(2)}`,
  );
  return {
    scenario: scenario.name,
    title: scenario.title,
    api,
    bare,
    ratio: api.rps / bare.rps,
    p99Ratio: api.p99 / Math.max(1, bare.p99),
    runs,
  };
}

/** 50 simultaneous POSTs from one student: exactly one 201, the rest 409, none 5xx. */
async function oneStudentBurst(ctx, server) {
  await clearPending(ctx.db);
  const student = idFor('student', 7);
  const mentorId = idFor('mentor', 7 % countsFor(ctx.scale).mentors);
  const auth = `Bearer ${token(student, 'student')}`;
  const responses = await Promise.all(
    Array.from({ length: 50 }, () =>
      fetch(`${server.url}/api/v1/mentoring-requests`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: JSON.stringify({ mentorId, topic: 'Exam plan', message: 'Could we meet this week?' }),
      })
        .then((r) => r.status)
        .catch(() => 0),
    ),
  );
  await clearPending(ctx.db);
  const count = (pred) => responses.filter(pred).length;
  return {
    created: count((s) => s === 201),
    conflicts: count((s) => s === 409),
    serverErrors: count((s) => s >= 500 || s === 0),
    ok: count((s) => s === 201) === 1 && count((s) => s >= 500 || s === 0) === 0,
  };
}

/** Raw argon2id verify throughput on the server's core, 16 at a time (the login ceiling). */
async function argonCeiling() {
  const script = `
    const { hash, verify, Algorithm } = require('@node-rs/argon2');
    (async () => {
      const h = await hash('${BENCH_PASSWORD}', { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
      let done = 0; const end = Date.now() + 5000;
      await Promise.all(Array.from({ length: 16 }, async () => { while (Date.now() < end) { await verify(h, '${BENCH_PASSWORD}'); done++; } }));
      console.log(JSON.stringify({ verifiesPerSecond: done / 5 }));
    })();`;
  const child = spawn('taskset', ['-c', SERVER_CPU, process.execPath, '-e', script], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  await new Promise((resolve) => child.on('exit', resolve));
  return JSON.parse(out.trim()).verifiesPerSecond;
}

/** Dashboard latency at a fixed rate, alone and while 16 connections sign in as fast as they can. */
async function loginStorm(ctx, server, rate) {
  ctx.fixtures = await writeFixtures(ctx);
  const calm = await measure(ctx, server, 'dashboard', { rate, connections: 16 });
  const stormLoad = runLoad({
    url: server.url,
    scenario: 'login',
    connections: 16,
    duration: config.duration + 2,
    fixtures: ctx.fixtures,
  });
  await sleep(1000);
  const stormy = await measure(ctx, server, 'dashboard', { rate, connections: 16 });
  const storm = await stormLoad;
  return {
    rate,
    calmP99: calm.p99,
    stormP99: stormy.p99,
    p99Ratio: stormy.p99 / Math.max(1, calm.p99),
    eventLoopP99: stormy.eventLoop?.p99 ?? null,
    loginsPerSecond: storm.rps,
  };
}

/**
 * Admin SSE fan-out: `clients` open admin streams while requests are created at `rate`/s; the server's
 * CPU time per delivered event (counted once all streams are open) and the delivery delay.
 */
async function sseFanOut(ctx, servers, clients = num('BENCH_SSE_CLIENTS', 1000), rate = 20) {
  const result = {};
  for (const server of [servers.bare, servers.api]) {
    ctx.fixtures = await writeFixtures(ctx);
    const pid = server.child.pid;
    const child = pinned(
      LOAD_CPU,
      [
        join(ROOT, 'tools/bench/load.mjs'),
        JSON.stringify({
          mode: 'sse',
          url: server.url,
          clients,
          rate,
          duration: config.duration,
          fixtures: ctx.fixtures,
        }),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const rss = [];
    let cpuStart = 0;
    let sampler;
    const done = await new Promise((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk) => {
        buffer += chunk;
        let nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const message = JSON.parse(buffer.slice(0, nl));
          buffer = buffer.slice(nl + 1);
          if (message.phase === 'connected') {
            cpuStart = procStat(pid).cpuTicks;
            rss.push(rssMb(pid));
            sampler = setInterval(() => rss.push(rssMb(pid)), 250);
          } else {
            resolve({ ...message, cpuTicks: procStat(pid).cpuTicks - cpuStart });
          }
        }
      });
      child.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`sse load exited with ${code}`))));
    });
    clearInterval(sampler);
    await clearPending(ctx.db);
    result[server.name] = {
      ...done,
      cpuMsPerDelivered: (done.cpuTicks * 10) / Math.max(1, done.delivered),
      rssMaxMb: Math.max(...rss),
    };
  }
  result.cpuRatio = result.api.cpuMsPerDelivered / result.bare.cpuMsPerDelivered;
  log(
    `SSE fan-out to ${clients} admin streams at ${rate} events/s: api ${result.api.delivered}/${result.api.expected} delivered, p99 ${result.api.p99} ms, ${(result.api.cpuMsPerDelivered * 1000).toFixed(1)} µs CPU/event | bare ${result.bare.delivered}/${result.bare.expected}, p99 ${result.bare.p99} ms, ${(result.bare.cpuMsPerDelivered * 1000).toFixed(1)} µs CPU/event`,
  );
  return { clients, rate, ...result };
}

/** A fixed-rate mix at 70 % of the API's own maximum for that mix: p99 and RSS growth over time. */
async function mixedRun(ctx, servers) {
  ctx.fixtures = await writeFixtures(ctx);
  const max = await measure(ctx, servers.api, 'mixed', { duration: config.duration, connections: config.connections });
  const rate = Math.max(10, Math.round(max.rps * 0.7));
  const result = { maxRps: max.rps };
  for (const s of [servers.bare, servers.api]) {
    ctx.fixtures = await writeFixtures(ctx);
    const m = await measure(ctx, s, 'mixed', { rate, duration: config.mixedSeconds, connections: config.connections });
    result[s.name] = {
      rps: m.rps,
      p50: m.p50,
      p99: m.p99,
      errors: m.errors,
      rssStartMb: m.rssStartMb,
      rssEndMb: m.rssEndMb,
      rssMaxMb: m.rssMaxMb,
      rssGrowthMb: m.rssEndMb - m.rssStartMb,
      cpuMsPerRequest: m.cpuMsPerRequest,
    };
  }
  log(
    `mixed ${rate} req/s (70 % of the API's ${max.rps.toFixed(0)}) for ${config.mixedSeconds} s: api p99 ${result.api.p99} ms, RSS ${result.api.rssStartMb.toFixed(0)}→${result.api.rssEndMb.toFixed(0)} MB | bare p99 ${result.bare.p99} ms, RSS ${result.bare.rssStartMb.toFixed(0)}→${result.bare.rssEndMb.toFixed(0)} MB`,
  );
  return { rate, seconds: config.mixedSeconds, ...result };
}

async function benchDataset(name, scale, scenarios, extras, rounds = config.rounds) {
  log(`data set ${name}: scale ${scale}`);
  await ensureDataset({
    serverUrl: config.serverUrl,
    name,
    scale,
    seed: config.seed,
    appUser: config.appUser,
    appPassword: config.appPassword,
    force: env.BENCH_REGENERATE === '1',
    log: (m) => log(m),
  });
  const db = await mysql.createConnection({
    uri: dbUrl(
      name,
      decodeURIComponent(new URL(config.serverUrl).username) || 'root',
      decodeURIComponent(new URL(config.serverUrl).password),
    ),
    timezone: 'Z',
  });
  const servers = await startServers(name);
  const ctx = { db, admin: db, scale, rounds, userstat: false, fixtures: null, facts: null };
  try {
    ctx.userstat = await enableUserstat(db);
    const results = [];
    for (const scenario of scenarios) results.push(await compare(ctx, servers, scenario));
    const extra = extras ? await extras(ctx, servers, results) : {};
    return { name, scale, counts: countsFor(scale), results, ...extra };
  } finally {
    await stopServers(servers);
    await restoreUserstat(db);
    await db.end();
  }
}

let userstatBefore = null;
async function enableUserstat(db) {
  if (env.BENCH_USERSTAT === '0') return false;
  try {
    const [[row]] = await db.query("SHOW GLOBAL VARIABLES LIKE 'userstat'");
    userstatBefore ??= row?.Value ?? null;
    if (userstatBefore === null) return false;
    await db.query('SET GLOBAL userstat = 1');
    return true;
  } catch {
    return false;
  }
}
async function restoreUserstat(db) {
  if (userstatBefore === 'OFF') await db.query('SET GLOBAL userstat = 0').catch(() => undefined);
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) =>
    `| ${r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ')} |`;
  return [
    line(rows[0]),
    `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

const f0 = (v) => (Number.isFinite(v) ? v.toFixed(0) : '–');
const f1 = (v) => (Number.isFinite(v) ? v.toFixed(1) : '–');
const f2 = (v) => (Number.isFinite(v) ? v.toFixed(2) : '–');

function resultTable(results) {
  const rows = [
    [
      'scenario',
      'API req/s',
      'bare req/s',
      'ratio',
      'API p50/p99 ms',
      'bare p50/p99 ms',
      'p99 ratio',
      'API errors',
      'API RSS MB',
      'bare RSS MB',
      'API CPU ms/req',
      'bare CPU ms/req',
      'API DB CPU ms/req',
      'bare DB CPU ms/req',
      'API SQL/req',
      'bare SQL/req',
      'API rows/req',
      'bare rows/req',
    ],
  ];
  for (const r of results) {
    rows.push([
      r.title,
      f0(r.api.rps),
      f0(r.bare.rps),
      f2(r.ratio),
      `${r.api.p50}/${r.api.p99}`,
      `${r.bare.p50}/${r.bare.p99}`,
      f2(r.p99Ratio),
      r.api.errors,
      f0(r.api.rssMb),
      f0(r.bare.rssMb),
      f2(r.api.cpuMsPerRequest),
      f2(r.bare.cpuMsPerRequest),
      f2(r.api.dbCpuMsPerRequest),
      f2(r.bare.dbCpuMsPerRequest),
      f1(r.api.sqlPerRequest),
      f1(r.bare.sqlPerRequest),
      f0(r.api.rowsReadPerRequest),
      f0(r.bare.rowsReadPerRequest),
    ]);
  }
  return table(rows);
}

async function main() {
  log(
    `npm run bench: scale ${config.scale}, ${config.rounds} rounds × ${config.duration} s, ${config.connections} connections; servers on CPU ${SERVER_CPU}, load on CPU ${LOAD_CPU}`,
  );
  await ensureBuilt(['backend']);
  const only = config.only;
  /** @param {{ name: string }[]} list */
  const wanted = (list) => (only ? list.filter((s) => only.includes(s.name)) : list);
  const mainName = `peerpals_bench_${String(config.scale).replace('.', '_')}`;
  const output = {
    startedAt: new Date(started).toISOString(),
    config: { ...config, appPassword: undefined },
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  };

  const restoreBufferPool =
    config.bufferPoolMb > 0
      ? await ensureBufferPool(config.serverUrl, config.bufferPoolMb, log)
      : async () => undefined;
  try {
    await benchAll(output, mainName, wanted);
  } finally {
    await restoreBufferPool();
  }
}

async function benchAll(output, mainName, wanted) {
  output.main = await benchDataset(mainName, config.scale, wanted(SCENARIOS), async (ctx, servers, results) => {
    const extra = {};
    if (!config.only || config.only.includes('createRequest')) {
      extra.oneStudentBurst = {
        api: await oneStudentBurst(ctx, servers.api),
        bare: await oneStudentBurst(ctx, servers.bare),
      };
      log(
        `50 concurrent requests from one student: API ${JSON.stringify(extra.oneStudentBurst.api)}, bare ${JSON.stringify(extra.oneStudentBurst.bare)}`,
      );
    }
    if (!config.only || config.only.includes('login')) {
      extra.argon2VerifiesPerSecond = await argonCeiling();
      const dashboard = results.find((r) => r.scenario === 'dashboard');
      const rate = Math.max(20, Math.round((dashboard?.api.rps ?? 400) * 0.3));
      extra.loginStorm = await loginStorm(ctx, servers.api, rate);
      log(
        `argon2id verify ceiling ${extra.argon2VerifiesPerSecond.toFixed(0)}/s; login storm: dashboard p99 ${extra.loginStorm.calmP99} → ${extra.loginStorm.stormP99} ms, event loop p99 ${extra.loginStorm.eventLoopP99} ms`,
      );
    }
    if (!config.only || config.only.includes('sse')) extra.sse = await sseFanOut(ctx, servers);
    if (config.mixedSeconds > 0 && (!config.only || config.only.includes('mixed')))
      extra.mixed = await mixedRun(ctx, servers);
    return extra;
  });

  if (env.BENCH_FRONTEND !== '0') output.frontend = await frontend(mainName);
  // Kept even if the 4x pass fails (a long run should not lose its first half).
  writeFileSync(join(OUT, 'results.json'), JSON.stringify({ ...output, partial: true }, null, 2));

  if (config.x4) {
    const x4Scale = config.scale * 4;
    output.x4 = await benchDataset(
      `peerpals_bench_${String(x4Scale).replace('.', '_')}`,
      x4Scale,
      wanted(SCENARIOS.filter((s) => READS.includes(s.name))),
      undefined,
      config.x4Rounds,
    );
  }

  output.finishedAt = new Date().toISOString();
  output.minutes = (Date.now() - started) / 60_000;
  output.goals = goals(output);
  writeFileSync(join(OUT, 'results.json'), JSON.stringify(output, null, 2));
  const report = renderReport(output);
  writeFileSync(join(OUT, 'results.md'), report);
  console.log(`\n${report}`);
  log(`results: tmp/bench/results.json and tmp/bench/results.md (${output.minutes.toFixed(1)} min)`);
}

/** Bundle sizes of a production build, then Lighthouse against it served by the API (production mode). */
async function frontend(database) {
  log('portal: production build and bundle sizes');
  await buildPortal();
  const bundles = bundleReport();
  log(
    `  initial ${bundles.initialRawKb} kB raw, ${bundles.initialBrotliKb} kB brotli; ${bundles.lazy.length} lazy chunks; role dashboards lazy: ${bundles.dashboardsLazy}`,
  );
  let lighthouse = [];
  if (env.BENCH_LIGHTHOUSE !== '0') {
    const portal = await startPortal({ port: config.apiPort + 2, env: apiEnv(database) });
    children.add(portal);
    try {
      lighthouse = await lighthouseRuns({
        baseUrl: `http://127.0.0.1:${config.apiPort + 2}`,
        accounts: [
          { role: 'student', email: studentEmail(0), password: BENCH_PASSWORD },
          { role: 'mentor', email: mentorEmail(0), password: BENCH_PASSWORD },
          { role: 'admin', email: 'admin0@bench.example', password: BENCH_PASSWORD },
        ],
        log,
      });
    } catch (error) {
      log(`  Lighthouse failed: ${error instanceof Error ? error.message : error}`);
    } finally {
      portal.kill('SIGTERM');
    }
  }
  return { bundles, lighthouse };
}

function goals(o) {
  const r = (name, set = o.main) => set?.results.find((x) => x.scenario === name);
  const checks = [];
  const check = (goal, measured, holds) => checks.push({ goal, measured, holds });
  for (const name of ['dashboard', 'calendar', 'threadPage']) {
    const x = r(name);
    if (!x) continue;
    check(`${x.title}: ≥ 80 % of bare req/s`, `${(x.ratio * 100).toFixed(0)} %`, x.ratio >= 0.8);
    check(`${x.title}: p99 ≤ 1.5× bare`, `${f2(x.p99Ratio)}×`, x.p99Ratio <= 1.5);
    check(`${x.title}: ≤ 2 SQL statements per request`, f1(x.api.sqlPerRequest), x.api.sqlPerRequest <= 2.05);
  }
  const create = r('createRequest');
  if (create)
    check('create request: ≥ 50 % of bare req/s', `${(create.ratio * 100).toFixed(0)} %`, create.ratio >= 0.5);
  if (o.main?.oneStudentBurst)
    check(
      '50 concurrent from one student: one 201, no 5xx',
      JSON.stringify(o.main.oneStudentBurst.api),
      o.main.oneStudentBurst.api.ok,
    );
  const login = r('login');
  if (login && o.main.argon2VerifiesPerSecond) {
    const share = login.api.rps / o.main.argon2VerifiesPerSecond;
    check(
      'login: ≥ 90 % of raw argon2id verify throughput',
      `${(share * 100).toFixed(0)} % (${f0(login.api.rps)} of ${f0(o.main.argon2VerifiesPerSecond)}/s)`,
      share >= 0.9,
    );
  }
  if (o.main?.loginStorm) {
    check(
      'login storm: dashboard p99 ≤ 2× calm',
      `${f2(o.main.loginStorm.p99Ratio)}×`,
      o.main.loginStorm.p99Ratio <= 2,
    );
    check(
      'login storm: event-loop delay p99 < 10 ms',
      `${o.main.loginStorm.eventLoopP99} ms`,
      o.main.loginStorm.eventLoopP99 !== null && o.main.loginStorm.eventLoopP99 < 10,
    );
  }
  const p1 = r('hotPage1');
  const p10k = r('hotPage10000');
  if (p1 && p10k)
    check(
      'keyset: p99 at page 10 000 ≤ 1.5× page 1',
      `${f2(p10k.api.p99 / Math.max(1, p1.api.p99))}×`,
      p10k.api.p99 <= 1.5 * Math.max(1, p1.api.p99),
    );
  if (o.x4) {
    for (const x of o.x4.results) {
      const base = r(x.scenario);
      if (!base) continue;
      const change = x.api.rps / base.api.rps - 1;
      check(
        `4× data, ${x.title}: req/s within 10 %`,
        `${change >= 0 ? '+' : ''}${(change * 100).toFixed(0)} %`,
        Math.abs(change) <= 0.1 || change > 0,
      );
    }
  }
  if (o.main?.sse) {
    check('SSE: CPU per delivered event ≤ 1.5× bare', `${f2(o.main.sse.cpuRatio)}×`, o.main.sse.cpuRatio <= 1.5);
    check(
      'SSE: delivery p99 < 100 ms',
      `${o.main.sse.api.p99} ms`,
      o.main.sse.api.p99 !== null && o.main.sse.api.p99 < 100,
    );
    check(
      'SSE: every event reaches every stream',
      `${o.main.sse.api.delivered} of ${o.main.sse.api.expected}`,
      o.main.sse.api.delivered >= o.main.sse.api.expected,
    );
  }
  if (o.frontend) {
    const b = o.frontend.bundles;
    check(
      'portal: initial bundle ≤ 300 kB raw',
      `${b.initialRawKb} kB (${b.initialBrotliKb} kB brotli)`,
      b.initialRawKb <= 300,
    );
    check('portal: every role dashboard lazy', String(b.dashboardsLazy), b.dashboardsLazy);
    for (const l of o.frontend.lighthouse) {
      check(`Lighthouse ${l.page}: performance ≥ 90`, String(l.performance), l.performance >= 90);
      check(`Lighthouse ${l.page}: accessibility ≥ 95`, String(l.accessibility), l.accessibility >= 95);
    }
  }
  const rssRatios = (o.main?.results ?? []).map((x) => x.api.rssMb / x.bare.rssMb);
  if (rssRatios.length)
    check(
      'memory: API RSS ≤ 1.5× bare under the same load',
      `${f2(Math.max(...rssRatios))}× at most`,
      Math.max(...rssRatios) <= 1.5,
    );
  return checks;
}

function renderReport(o) {
  const parts = [
    `Run ${o.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${o.minutes.toFixed(0)} min; ${o.machine.cpus} × ${o.machine.model}, Node ${o.machine.node}; scale ${o.config.scale} (${Object.entries(
      o.main.counts,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ', ',
      )}); ${o.config.rounds} rounds × ${o.config.duration} s, ${o.config.connections} connections (login 16).`,
    '',
    resultTable(o.main.results),
  ];
  if (o.x4)
    parts.push('', `At 4× data (scale ${o.x4.scale}; ${o.config.x4Rounds} rounds):`, '', resultTable(o.x4.results));
  const extra = [];
  if (o.main.oneStudentBurst)
    extra.push(
      `- 50 concurrent requests from one student — API: ${o.main.oneStudentBurst.api.created} × 201, ${o.main.oneStudentBurst.api.conflicts} × 409, ${o.main.oneStudentBurst.api.serverErrors} × 5xx; bare: ${o.main.oneStudentBurst.bare.created} × 201, ${o.main.oneStudentBurst.bare.serverErrors} × 5xx.`,
    );
  if (o.main.argon2VerifiesPerSecond)
    extra.push(
      `- Raw argon2id verify (m=19456, t=2, p=1) on the server's core: ${f0(o.main.argon2VerifiesPerSecond)}/s.`,
    );
  if (o.main.loginStorm)
    extra.push(
      `- Login storm (${f0(o.main.loginStorm.loginsPerSecond)} sign-ins/s): dashboard at ${o.main.loginStorm.rate} req/s has p99 ${o.main.loginStorm.calmP99} ms calm, ${o.main.loginStorm.stormP99} ms during the storm; event-loop delay p99 ${o.main.loginStorm.eventLoopP99} ms.`,
    );
  if (o.main.sse) {
    const x = o.main.sse;
    extra.push(
      `- SSE fan-out to ${x.clients} admin streams at ${x.rate} events/s — API: ${x.api.delivered} of ${x.api.expected} deliveries, delay p50/p99 ${x.api.p50}/${x.api.p99} ms, ${(x.api.cpuMsPerDelivered * 1000).toFixed(1)} µs CPU per delivered event, RSS ${f0(x.api.rssMaxMb)} MB; bare: ${x.bare.delivered} of ${x.bare.expected}, ${x.bare.p50}/${x.bare.p99} ms, ${(x.bare.cpuMsPerDelivered * 1000).toFixed(1)} µs, RSS ${f0(x.bare.rssMaxMb)} MB.`,
    );
  }
  if (o.main.mixed) {
    const m = o.main.mixed;
    extra.push(
      `- Mixed reads at ${m.rate} req/s (70 % of the API's maximum for the mix, ${f0(m.maxRps)}) for ${m.seconds} s — API: p99 ${m.api.p99} ms, RSS ${f0(m.api.rssStartMb)} → ${f0(m.api.rssEndMb)} MB (max ${f0(m.api.rssMaxMb)}); bare: p99 ${m.bare.p99} ms, RSS ${f0(m.bare.rssStartMb)} → ${f0(m.bare.rssEndMb)} MB.`,
    );
  }
  if (extra.length) parts.push('', ...extra);
  if (o.frontend) {
    const b = o.frontend.bundles;
    parts.push(
      '',
      `Portal production build: initial ${b.initialRawKb} kB raw / ${b.initialBrotliKb} kB brotli (${b.initial.map((x) => `${x.file} ${x.raw}`).join(', ')}); role dashboards lazy: ${b.dashboardsLazy ? 'yes' : 'no'}. Largest lazy chunks:`,
      '',
    );
    parts.push(
      table([
        ['lazy chunk', 'raw kB', 'brotli kB'],
        ...b.lazy.slice(0, 12).map((x) => [x.name || x.file, x.raw, x.brotli]),
      ]),
    );
    if (o.frontend.lighthouse.length) {
      parts.push(
        '',
        table([
          ['Lighthouse (desktop, Chromium)', 'performance', 'accessibility', 'LCP ms', 'TBT ms', 'CLS'],
          ...o.frontend.lighthouse.map((l) => [
            `${l.page} (${new URL(l.url).pathname})`,
            l.performance,
            l.accessibility,
            l.lcpMs,
            l.tbtMs,
            l.cls,
          ]),
        ]),
      );
    }
  }
  parts.push(
    '',
    table([['goal', 'measured', 'holds'], ...o.goals.map((g) => [g.goal, g.measured, g.holds ? 'yes' : '**no**'])]),
  );
  return `${parts.join('\n')}\n`;
}

const cleanup = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});
try {
  await main();
} catch (error) {
  cleanup();
  console.error(error);
  process.exit(1);
}
