// `npm run test:faults`: the API against a MariaDB server of its own that the test kills, stalls and
// restarts, with a small TCP proxy in between to slow or drop the connection. Proves that:
// - SIGKILL of the database during a burst of writes loses no acknowledged write, leaves nothing
//   half-written, answers 503 (also /health/ready) while the database is down, and recovers by
//   itself within 10 s of the database being back;
// - SIGTERM to the API under load fails no request it had accepted;
// - a stalled or dropped database connection gives bounded 503s, no hung request, and a pool that
//   works again afterwards.
// Needs the MariaDB server binaries (mariadbd, mariadb-install-db); uses ports 4750–4759.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import mysql from 'mysql2/promise';
import { BACKEND_MAIN, ensureBuilt, ROOT } from './lib.mjs';

const DB_PORT = 4750;
const PROXY_PORT = 4751;
const API_PORT = 4752;
const QUERY_TIMEOUT_MS = 1500;
const CONNECT_TIMEOUT_MS = 1500;
/** A request slower than this counts as hung. */
const HUNG_MS = 8000;
const RECOVERY_BUDGET_MS = 10_000;
const DB_USER = 'peerpals';
const DB_PASSWORD = `fault-${randomBytes(9).toString('hex')}`;
const DEMO_PASSWORD = 'peerpals-demo-2026';
const DEMO = (local) => `${local}@demo.peerpals.test`;
const dir = join(ROOT, 'tmp/faults');
const dataDir = join(dir, 'data');
const binary = (names) =>
  names
    .map((n) => [`/usr/sbin/${n}`, `/usr/bin/${n}`])
    .flat()
    .find((p) => existsSync(p));

const results = [];
let lostWrites = 0;
function check(scenario, ok, detail) {
  results.push({ scenario, ok, detail });
  console.log(`  ${ok ? '✓' : '✗'} ${detail}`);
}

// ---------------------------------------------------------------------------------------------
// MariaDB server of our own

let mariadb;
async function startDatabase() {
  mariadb = spawn(
    binary(['mariadbd', 'mysqld']),
    [
      '--no-defaults',
      `--datadir=${dataDir}`,
      `--port=${DB_PORT}`,
      '--bind-address=127.0.0.1',
      `--socket=${join(dir, 'mysqld.sock')}`,
      `--pid-file=${join(dir, 'mysqld.pid')}`,
      '--user=root',
      '--skip-log-bin',
      '--innodb-buffer-pool-size=128M',
      '--innodb-flush-log-at-trx-commit=1',
      '--max-connections=300',
      `--log-error=${join(dir, 'mysqld.err')}`,
    ],
    { stdio: 'ignore' },
  );
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    try {
      const c = await mysql.createConnection({ host: '127.0.0.1', port: DB_PORT, user: 'root', connectTimeout: 1000 });
      await c.end();
      return;
    } catch {
      await sleep(200);
    }
  }
  throw new Error('MariaDB did not start (see tmp/faults/mysqld.err)');
}

function killDatabase() {
  mariadb.kill('SIGKILL');
  return new Promise((resolve) => mariadb.once('exit', resolve));
}

async function createDatabase() {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const install = spawnSync(
    binary(['mariadb-install-db', 'mysql_install_db']),
    [
      '--no-defaults',
      `--datadir=${dataDir}`,
      '--user=root',
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ],
    { encoding: 'utf8' },
  );
  if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr}`);
  await startDatabase();
  const c = await mysql.createConnection({ host: '127.0.0.1', port: DB_PORT, user: 'root' });
  await c.query('CREATE DATABASE peerpals CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
  await c.query(`CREATE USER '${DB_USER}'@'%' IDENTIFIED BY '${DB_PASSWORD}'`);
  await c.query(`GRANT ALL ON peerpals.* TO '${DB_USER}'@'%'`);
  await c.end();
}

const direct = () =>
  mysql.createConnection({ host: '127.0.0.1', port: DB_PORT, user: 'root', database: 'peerpals', dateStrings: true });

// ---------------------------------------------------------------------------------------------
// A TCP proxy between the API and the database that can pass, stall or drop traffic

const proxy = { mode: 'pass', pairs: new Set() };
const proxyServer = net.createServer((client) => {
  if (proxy.mode === 'drop') return client.destroy();
  const upstream = net.connect(DB_PORT, '127.0.0.1');
  const pair = { client, upstream };
  proxy.pairs.add(pair);
  const close = () => {
    proxy.pairs.delete(pair);
    client.destroy();
    upstream.destroy();
  };
  for (const [from, to] of [
    [client, upstream],
    [upstream, client],
  ]) {
    from.on('data', (chunk) => {
      // While stalled, bytes are swallowed: the peer hears nothing, as with a dead network path.
      if (proxy.mode === 'pass') to.write(chunk);
    });
    from.on('error', close);
    from.on('close', close);
  }
});

function setProxy(mode) {
  proxy.mode = mode;
  if (mode === 'drop') for (const { client, upstream } of proxy.pairs) (client.destroy(), upstream.destroy());
}

// ---------------------------------------------------------------------------------------------
// The API

const env = {
  ...process.env,
  NODE_ENV: 'production',
  PORT: String(API_PORT),
  HOST: '127.0.0.1',
  PUBLIC_URL: `http://127.0.0.1:${API_PORT}`,
  DATABASE_URL: `mysql://${DB_USER}:${DB_PASSWORD}@127.0.0.1:${PROXY_PORT}/peerpals`,
  DATABASE_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
  DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
  JWT_SECRET: randomBytes(48).toString('base64url'),
  LOG_LEVEL: 'error',
  SHUTDOWN_DRAIN_MS: '1000',
  SWAGGER_ENABLED: 'false',
  RATE_LIMIT_API_PER_MINUTE: '1000000',
  RATE_LIMIT_AUTH_PER_MINUTE: '100000',
  RATE_LIMIT_ACCOUNT_PER_MINUTE: '100000',
  REDIS_URL: '',
};
delete env.REDIS_URL;

let api;
let apiOutput = '';
async function startApi() {
  apiOutput = '';
  api = spawn(process.execPath, [BACKEND_MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  api.stdout.on('data', (c) => (apiOutput += c));
  api.stderr.on('data', (c) => (apiOutput += c));
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    if (api.exitCode !== null) throw new Error(`The API exited while starting:\n${apiOutput}`);
    const res = await call('GET', '/api/v1/health/ready', { timeoutMs: 2000 });
    if (res.status === 200) return;
    await sleep(200);
  }
  throw new Error(`The API did not become ready:\n${apiOutput}`);
}

/** Runs the CLI without blocking: the proxy it talks through lives in this process. */
async function cli(args) {
  const child = spawn(process.execPath, [join(ROOT, 'dist/backend/cli.js'), ...args], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`cli ${args.join(' ')} failed: ${stderr}`);
}

/** One HTTP request on a connection of its own; never throws. */
function call(method, path, { token, body, timeoutMs = HUNG_MS + 2000 } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const outcome = { status: 0, body: undefined, ms: 0, error: undefined, connected: false };
    const req = http.request(
      {
        host: '127.0.0.1',
        port: API_PORT,
        method,
        path,
        agent: false,
        headers: {
          Connection: 'close',
          ...(payload ? { 'Content-Type': 'application/json' } : {}),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          outcome.status = res.statusCode;
          try {
            outcome.body = text ? JSON.parse(text) : undefined;
          } catch {
            outcome.body = text;
          }
          outcome.ms = Date.now() - started;
          resolve(outcome);
        });
        res.on('error', (error) =>
          resolve({ ...outcome, error: error.code ?? error.message, ms: Date.now() - started }),
        );
      },
    );
    req.on('socket', (socket) => socket.on('connect', () => (outcome.connected = true)));
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('hung'), { code: 'HUNG' })));
    req.on('error', (error) => resolve({ ...outcome, error: error.code ?? error.message, ms: Date.now() - started }));
    req.end(payload);
  });
}

// ---------------------------------------------------------------------------------------------
// Demo accounts and a stream of writes

const tokens = {};
const ids = {};
async function signInDemo() {
  for (const local of [
    'admin',
    'mentor1',
    'mentor2',
    'mentor3',
    ...Array.from({ length: 12 }, (_, i) => `student${i + 1}`),
  ]) {
    const res = await call('POST', '/api/v1/auth/login', { body: { email: DEMO(local), password: DEMO_PASSWORD } });
    if (res.status !== 200) throw new Error(`sign-in of ${local} failed: ${res.status} ${JSON.stringify(res.body)}`);
    tokens[local] = res.body.accessToken;
  }
  const c = await direct();
  const [rows] = await c.query('SELECT id, email FROM users');
  await c.end();
  for (const row of rows) ids[row.email.split('@')[0]] = row.id;
}

// Demo assignments: student i belongs to mentor ((i - 1) % 3) + 1.
const MENTOR_OF = (i) => `mentor${((i - 1) % 3) + 1}`;
const BASE = Date.UTC(new Date().getUTCFullYear() + 1, 0, 5, 0, 0, 0);
let sequence = 0;

/** The next write: mostly posts, a session every third, a request per student while they last. */
function nextWrite() {
  const n = sequence++;
  const student = (n % 12) + 1;
  if (n % 3 === 1) {
    // Every session its own slot, three days apart: no conflicts, at most a few per month and student.
    const startsAt = new Date(BASE + n * 3 * 86_400_000 + student * 3_600_000);
    return {
      kind: 'session',
      table: 'sessions',
      send: () =>
        call('POST', '/api/v1/sessions', {
          token: tokens[MENTOR_OF(student)],
          body: {
            studentId: ids[`student${student}`],
            startsAt: startsAt.toISOString(),
            endsAt: new Date(startsAt.getTime() + 2_700_000).toISOString(),
          },
        }),
    };
  }
  if (n % 3 === 2 && !requested.has(student)) {
    requested.add(student);
    return {
      kind: 'request',
      table: 'mentoring_requests',
      send: () =>
        call('POST', '/api/v1/mentoring-requests', {
          token: tokens[`student${student}`],
          body: {
            mentorId: ids[MENTOR_OF(student)],
            topic: `Fault test ${n}`,
            message: 'Could we meet to talk about my thesis plan?',
          },
        }),
      undo: () => requested.delete(student),
    };
  }
  return {
    kind: 'thread',
    table: 'discussion_threads',
    send: () =>
      call('POST', '/api/v1/discussions', {
        token: tokens[`student${student}`],
        body: {
          title: `Fault test thread ${n}`,
          body: 'Does anyone have tips for the exam period?',
          audience: 'community',
          mode: n % 2 ? 'anonymous' : 'normal',
          tags: ['faults'],
        },
      }),
  };
}
const requested = new Set();

/** Keeps `concurrency` writers busy until `stop()`; records every outcome. */
function writeLoad(concurrency) {
  let running = true;
  const outcomes = [];
  const worker = async () => {
    while (running) {
      const write = nextWrite();
      const res = await write.send();
      if (!(res.status >= 200 && res.status < 300)) write.undo?.();
      outcomes.push({ ...res, kind: write.kind, table: write.table, at: Date.now() });
      if (res.status === 0 || res.status >= 500) await sleep(50);
    }
  };
  const workers = Array.from({ length: concurrency }, worker);
  return { outcomes, stop: async () => ((running = false), await Promise.all(workers)) };
}

async function verifyAcknowledged(scenario, outcomes) {
  const acknowledged = outcomes.filter((o) => o.status >= 200 && o.status < 300);
  const c = await direct();
  let missing = 0;
  let duplicated = 0;
  for (const o of acknowledged) {
    const [[row]] = await c.query(`SELECT COUNT(*) AS n FROM ${o.table} WHERE id = ?`, [o.body.id]);
    if (Number(row.n) === 0) missing++;
    if (Number(row.n) > 1) duplicated++;
  }
  lostWrites += missing;
  check(
    scenario,
    missing === 0 && duplicated === 0,
    `${acknowledged.length} acknowledged writes (${['thread', 'session', 'request'].map((k) => `${acknowledged.filter((o) => o.kind === k).length} ${k}s`).join(', ')}): ${missing} missing, ${duplicated} duplicated`,
  );
  // Nothing half-written: every thread has its opening post and tags, reply counts and quota counters agree.
  const [[threads]] = await c.query(
    `SELECT COUNT(*) AS n FROM discussion_threads t WHERE (SELECT COUNT(*) FROM discussion_posts p WHERE p.thread_id = t.id AND p.is_opening = 1) <> 1
       OR t.reply_count <> (SELECT COUNT(*) FROM discussion_posts p WHERE p.thread_id = t.id AND p.is_opening = 0)
       OR (t.tags <> '' AND NOT EXISTS (SELECT 1 FROM discussion_thread_tags g WHERE g.thread_id = t.id))`,
  );
  const [[orphans]] = await c.query(
    'SELECT COUNT(*) AS n FROM discussion_posts p WHERE NOT EXISTS (SELECT 1 FROM discussion_threads t WHERE t.id = p.thread_id)',
  );
  const [[quota]] = await c.query(
    `SELECT COUNT(*) AS n FROM users u WHERE u.role = 'student' AND
       (SELECT COALESCE(SUM(q.used), 0) FROM quota_usage q WHERE q.student_id = u.id) <> (SELECT COUNT(*) FROM sessions s WHERE s.student_id = u.id AND s.status <> 'cancelled')`,
  );
  await c.end();
  check(
    scenario,
    Number(threads.n) + Number(orphans.n) + Number(quota.n) === 0,
    `half-written: ${threads.n} inconsistent threads, ${orphans.n} orphan posts, ${quota.n} students whose quota counter disagrees with their sessions`,
  );
}

function summarise(outcomes) {
  const by = {};
  for (const o of outcomes) {
    const key = o.status ? String(o.status) : o.error;
    by[key] = (by[key] ?? 0) + 1;
  }
  return Object.entries(by)
    .map(([k, v]) => `${k}×${v}`)
    .join(' ');
}

const isProblem503 = (o) => o.status === 503 && o.body?.code && o.body.status === 503;

// ---------------------------------------------------------------------------------------------
// Scenarios

async function databaseKilledDuringWrites() {
  const scenario = 'SIGKILL of the database during writes';
  console.log(`\n▶ ${scenario}`);
  const load = writeLoad(6);
  await sleep(1500);
  const killedAt = Date.now();
  await killDatabase();
  await sleep(1500);
  const readyWhileDown = await call('GET', '/api/v1/health/ready');
  const sample = await call('GET', '/api/v1/discussions', { token: tokens.student2 });
  await sleep(1000);
  const restartAt = Date.now();
  await startDatabase();
  const databaseBack = Date.now();
  let recoveredAt = 0;
  while (Date.now() - databaseBack < 30_000) {
    const res = await call('GET', '/api/v1/health/ready', { timeoutMs: 3000 });
    if (res.status === 200) {
      recoveredAt = Date.now();
      break;
    }
    await sleep(100);
  }
  await sleep(1500);
  await load.stop();
  const outcomes = load.outcomes;
  const duringOutage = outcomes.filter((o) => o.at > killedAt + 200 && o.at < restartAt);
  const after = outcomes.filter((o) => recoveredAt && o.at > recoveredAt + 500);
  console.log(`  writes: ${summarise(outcomes)} (database down ${((databaseBack - killedAt) / 1000).toFixed(1)} s)`);
  check(
    scenario,
    readyWhileDown.status === 503 && isProblem503(readyWhileDown),
    `/health/ready while the database is down: ${readyWhileDown.status}`,
  );
  check(
    scenario,
    isProblem503(sample),
    `a read while the database is down: ${sample.status} ${sample.body?.code ?? sample.error ?? ''}`,
  );
  check(
    scenario,
    duringOutage.length > 0 && duringOutage.every((o) => isProblem503(o) || (o.status >= 200 && o.status < 300)),
    `${duringOutage.length} writes during the outage all answered 503 problem+json: ${summarise(duringOutage)}`,
  );
  check(
    scenario,
    outcomes.every((o) => o.status !== 0 && o.status !== 500),
    `no hung, dropped or 500 responses (slowest ${Math.max(...outcomes.map((o) => o.ms))} ms)`,
  );
  check(
    scenario,
    recoveredAt > 0 && recoveredAt - databaseBack <= RECOVERY_BUDGET_MS,
    `ready again ${recoveredAt ? `${((recoveredAt - databaseBack) / 1000).toFixed(1)} s` : 'never'} after the database came back (budget 10 s), without a restart`,
  );
  check(
    scenario,
    after.length > 0 && after.every((o) => o.status >= 200 && o.status < 300),
    `${after.length} writes after recovery succeed: ${summarise(after)}`,
  );
  await verifyAcknowledged(scenario, outcomes);
}

async function apiTerminatedUnderLoad() {
  const scenario = 'SIGTERM to the API under load';
  console.log(`\n▶ ${scenario}`);
  // The load comes through a load balancer's eyes: it polls readiness and stops routing here once
  // the instance reports 503; every request sent before that must succeed.
  let routing = true;
  let running = true;
  const outcomes = [];
  const poller = (async () => {
    while (running && routing) {
      const ready = await call('GET', '/api/v1/health/ready', { timeoutMs: 2000 });
      if (ready.status !== 200) routing = false;
      else await sleep(250);
    }
  })();
  const worker = async (w) => {
    while (running && routing) {
      const write =
        w % 2
          ? { send: () => call('GET', '/api/v1/discussions?limit=20', { token: tokens[`student${(w % 12) + 1}`] }) }
          : nextWrite();
      const res = await write.send();
      if (!(res.status >= 200 && res.status < 300)) write.undo?.();
      outcomes.push({ ...res, kind: write.kind, table: write.table, at: Date.now() });
    }
  };
  const workers = Array.from({ length: 12 }, (_, w) => worker(w));
  await sleep(1500);
  const exited = new Promise((resolve) => api.once('exit', (code, signal) => resolve({ code, signal })));
  const signalledAt = Date.now();
  api.kill('SIGTERM');
  const exit = await Promise.race([exited, sleep(20_000).then(() => null)]);
  running = false;
  await Promise.all([...workers, poller]);
  const failed = outcomes.filter((o) => o.status === 0 || o.status >= 500);
  const duringDrain = outcomes.filter((o) => o.at > signalledAt);
  console.log(`  requests: ${summarise(outcomes)}`);
  check(
    scenario,
    exit !== null && exit.code === 0,
    `the API exited ${exit ? `with code ${exit.code}${exit.signal ? ` (${exit.signal})` : ''} ${Date.now() - signalledAt} ms after the signal` : 'not within 20 s'}`,
  );
  check(
    scenario,
    outcomes.length > 50 && duringDrain.length > 0 && failed.length === 0,
    `${outcomes.length} requests (${duringDrain.length} answered after the signal, while draining): ${failed.length} failed${failed.length ? ` (${summarise(failed)})` : ''}`,
  );
  await verifyAcknowledged(
    scenario,
    outcomes.filter((o) => o.table),
  );
  await startApi();
}

async function stalledDatabase() {
  const scenario = 'Stalled database connection';
  console.log(`\n▶ ${scenario}`);
  setProxy('stall');
  const stalledAt = Date.now();
  const during = await Promise.all([
    ...Array.from({ length: 30 }, (_, i) =>
      call('GET', '/api/v1/discussions?limit=5', { token: tokens[`student${(i % 12) + 1}`] }),
    ),
    ...Array.from({ length: 10 }, () => nextWrite().send()),
    call('GET', '/api/v1/health/ready'),
  ]);
  const slowest = Math.max(...during.map((o) => o.ms));
  console.log(`  requests while stalled: ${summarise(during)}, slowest ${slowest} ms`);
  check(scenario, during.every(isProblem503), `${during.length} requests while stalled all answered 503 problem+json`);
  check(
    scenario,
    slowest < HUNG_MS,
    `bounded: the slowest answered in ${slowest} ms (limit ${HUNG_MS} ms, query timeout ${QUERY_TIMEOUT_MS} ms)`,
  );
  await sleep(Math.max(0, 3000 - (Date.now() - stalledAt)));
  setProxy('pass');
  await expectRecovery(scenario);
}

async function droppedConnections() {
  const scenario = 'Dropped database connections';
  console.log(`\n▶ ${scenario}`);
  setProxy('drop');
  const during = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      call('GET', '/api/v1/discussions?limit=5', { token: tokens[`student${(i % 12) + 1}`] }),
    ),
  );
  console.log(`  requests while dropped: ${summarise(during)}`);
  check(
    scenario,
    during.every(isProblem503) && Math.max(...during.map((o) => o.ms)) < HUNG_MS,
    `${during.length} requests while connections are refused all answered 503 quickly (slowest ${Math.max(...during.map((o) => o.ms))} ms)`,
  );
  await sleep(1000);
  setProxy('pass');
  await expectRecovery(scenario);
}

/** After a fault clears: ready within 10 s, then 50 concurrent requests all succeed (the pool is whole). */
async function expectRecovery(scenario) {
  const healedAt = Date.now();
  let readyAt = 0;
  while (Date.now() - healedAt < 20_000) {
    if ((await call('GET', '/api/v1/health/ready', { timeoutMs: 3000 })).status === 200) {
      readyAt = Date.now();
      break;
    }
    await sleep(100);
  }
  check(
    scenario,
    readyAt > 0 && readyAt - healedAt <= RECOVERY_BUDGET_MS,
    `ready again ${readyAt ? `${((readyAt - healedAt) / 1000).toFixed(1)} s` : 'never'} after the connection healed`,
  );
  const burst = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      call('GET', '/api/v1/discussions?limit=5', { token: tokens[`student${(i % 12) + 1}`] }),
    ),
  );
  check(
    scenario,
    burst.every((o) => o.status === 200),
    `50 concurrent reads afterwards: ${summarise(burst)}`,
  );
}

// ---------------------------------------------------------------------------------------------

const mariadbd = binary(['mariadbd', 'mysqld']);
if (!mariadbd || !binary(['mariadb-install-db', 'mysql_install_db'])) {
  console.error('test:faults needs the MariaDB server (apt-get install mariadb-server).');
  process.exit(1);
}
await ensureBuilt(['backend']);
let exitCode = 1;
try {
  console.log('▶ Private MariaDB, proxy and API');
  await createDatabase();
  await new Promise((resolve) => proxyServer.listen(PROXY_PORT, '127.0.0.1', resolve));
  await cli(['migrate']);
  await cli(['seed-demo']);
  await startApi();
  await signInDemo();

  await databaseKilledDuringWrites();
  await apiTerminatedUnderLoad();
  await stalledDatabase();
  await droppedConnections();

  const scenarios = [...new Set(results.map((r) => r.scenario))];
  const survived = scenarios.filter((s) => results.filter((r) => r.scenario === s).every((r) => r.ok)).length;
  const failed = results.filter((r) => !r.ok).length;
  console.log(
    `\nfault scenarios survived: ${survived} of ${scenarios.length}, acknowledged writes lost: ${lostWrites}`,
  );
  console.log(`faults: ${results.length - failed} passed, ${failed} failed`);
  exitCode = failed === 0 ? 0 : 1;
} catch (error) {
  console.error(error instanceof Error ? error.stack : error);
  console.log('faults: 0 passed, 1 failed');
} finally {
  api?.kill('SIGKILL');
  mariadb?.kill('SIGKILL');
  proxyServer.close();
  for (const { client, upstream } of proxy.pairs) (client.destroy(), upstream.destroy());
}
process.exit(exitCode);
