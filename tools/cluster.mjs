// `npm run test:cluster`: two API processes on one MariaDB/MySQL database and one Redis, behind a
// small round-robin proxy, and the rules that must hold across them: one pending request, the
// monthly quota, no double booking, single-use refresh tokens, shared sign-in limits, live events
// on every instance, and no acknowledged write lost when an instance is killed.
//
// Environment (all optional): DATABASE_URL (a mysql:// server to create a fresh database on; default
// mysql://root@127.0.0.1:3306), REDIS_URL (default redis://127.0.0.1:6379), CLUSTER_PORT_BASE
// (default 4810: proxy on it, the instances on the next ports).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, Agent } from 'node:http';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import Redis from 'ioredis';
import { ensureBuilt, ROOT, run } from './lib.mjs';

const RUN_ID = randomBytes(4).toString('hex');
const MYSQL_SERVER = new URL(
  process.env.DATABASE_URL?.startsWith('mysql://') ? process.env.DATABASE_URL : 'mysql://root@127.0.0.1:3306/',
);
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const REDIS_PREFIX = `peerpals-cluster:${RUN_ID}:`;
const PORT_BASE = Number(process.env.CLUSTER_PORT_BASE ?? 4810);
const DB_NAME = `peerpals_cluster_${RUN_ID}`;
const JWT_SECRET = randomBytes(48).toString('base64url');
const PASSWORD = `Cluster-${RUN_ID}-correct-horse`;
const LOGIN_LIMIT = 6;
const CLI = join(ROOT, 'dist/backend/cli.js');
const MAIN = join(ROOT, 'dist/backend/main.js');

const serverUrl = (database = '') => {
  const url = new URL(MYSQL_SERVER.toString());
  url.pathname = `/${database}`;
  return url.toString();
};
const DATABASE_URL = serverUrl(DB_NAME);

const results = [];
const processes = new Set();
let proxy;

function check(name, ok, detail) {
  results.push({ name, ok, detail });
  console.log(`${ok ? '  ✓' : '  ✗'} ${name}${detail ? ` — ${detail}` : ''}`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Processes

function instanceEnv({ port, redis, limits = {}, extra = {} }) {
  const env = { ...process.env };
  for (const name of ['REDIS_URL', 'DATABASE_REPLICA_URLS', 'SMTP_URL', 'CORS_ORIGINS', 'TRUST_PROXY'])
    delete env[name];
  return {
    ...env,
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL,
    JWT_SECRET,
    PUBLIC_URL: `http://127.0.0.1:${PORT_BASE}`,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    SWAGGER_ENABLED: 'false',
    FRONTEND_DIST: '/nonexistent',
    RATE_LIMIT_API_PER_MINUTE: String(limits.api ?? 1_000_000),
    RATE_LIMIT_AUTH_PER_MINUTE: String(limits.authPerIp ?? 1_000_000),
    RATE_LIMIT_ACCOUNT_PER_MINUTE: String(limits.authPerAccount ?? 1_000_000),
    ...(redis ? { REDIS_URL, REDIS_KEY_PREFIX: REDIS_PREFIX } : {}),
    ...extra,
  };
}

async function startInstance(name, options) {
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: instanceEnv(options),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const instance = { name, port: options.port, child, output: '', exited: false };
  child.stdout.on('data', (chunk) => (instance.output += chunk));
  child.stderr.on('data', (chunk) => (instance.output += chunk));
  child.on('exit', () => {
    instance.exited = true;
    processes.delete(instance);
  });
  processes.add(instance);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (instance.exited) throw new Error(`instance ${name} exited while starting:\n${instance.output}`);
    const ready = await fetch(`http://127.0.0.1:${options.port}/api/v1/health/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return instance;
    if (Date.now() > deadline) throw new Error(`instance ${name} did not become ready:\n${instance.output}`);
    await sleep(250);
  }
}

async function stopInstance(instance, signal = 'SIGTERM') {
  if (instance.exited) return;
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.kill(signal);
  await Promise.race([exited, sleep(10_000)]);
  if (!instance.exited) instance.child.kill('SIGKILL');
}

async function startPair(options) {
  const [a, b] = await Promise.all([
    startInstance('A', { ...options, port: PORT_BASE + 1 }),
    startInstance('B', {
      ...options,
      port: PORT_BASE + 2,
      extra: { ...(options.extra ?? {}), ...(options.replicaOnB ? { DATABASE_REPLICA_URLS: DATABASE_URL } : {}) },
    }),
  ]);
  return [a, b];
}

/**
 * Round-robin HTTP proxy. A connection refused by an instance (the request never reached it) goes
 * to the next one, and that instance is skipped for two seconds; any other failure is a 502, as a
 * load balancer answers when an instance dies mid-request.
 */
function startProxy(ports) {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const downUntil = new Map();
  let next = 0;
  const pick = (exclude) => {
    for (let i = 0; i < ports.length; i++) {
      const port = ports[next++ % ports.length];
      if (port !== exclude && (downUntil.get(port) ?? 0) < Date.now()) return port;
    }
    return ports.find((p) => p !== exclude) ?? ports[0];
  };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const forward = (port, retried) => {
        const upstream = httpRequest(
          { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
            answer.on('error', () => res.destroy());
          },
        );
        upstream.on('error', (error) => {
          if (error.code === 'ECONNREFUSED') downUntil.set(port, Date.now() + 2000);
          if (error.code === 'ECONNREFUSED' && !retried) return forward(pick(port), true);
          if (!res.headersSent) {
            res.writeHead(502, { 'content-type': 'application/problem+json' });
            res.end(JSON.stringify({ status: 502, code: 'BAD_GATEWAY', detail: error.code }));
          } else res.destroy();
        });
        res.on('close', () => {
          if (!res.writableFinished) upstream.destroy();
        });
        upstream.end(body);
      };
      forward(pick(), false);
    });
  });
  return new Promise((resolve) =>
    server.listen(PORT_BASE, '127.0.0.1', () => resolve({ server, agent, url: `http://127.0.0.1:${PORT_BASE}` })),
  );
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers

async function api(base, method, path, { token, body, cookie } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, body: json, setCookie: res.headers.getSetCookie?.() ?? [] };
  } catch (error) {
    return { status: 0, body: { error: String(error.cause?.code ?? error.message) }, setCookie: [] };
  }
}

async function expectOk(promise, what) {
  const res = await promise;
  if (res.status < 200 || res.status >= 300)
    throw new Error(`${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

const refreshCookie = (res) => res.setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('pp_refresh='));

async function login(base, email) {
  const res = await expectOk(
    api(base, 'POST', '/auth/login', { body: { email, password: PASSWORD } }),
    `sign-in of ${email}`,
  );
  return { token: res.body.accessToken, cookie: refreshCookie(res), id: res.body.user?.id };
}

let userCount = 0;
async function onboard(base, admin, role) {
  const email = `${role}${++userCount}.${RUN_ID}@cluster.test`;
  const created = await expectOk(
    api(base, 'POST', '/admin/users', {
      token: admin.token,
      body: { email, displayName: `${role} ${userCount}`, role },
    }),
    `creating ${email}`,
  );
  const token = new URL(created.body.invitationUrl).searchParams.get('token');
  const accepted = await expectOk(
    api(base, 'POST', '/auth/invitations/accept', { body: { token, password: PASSWORD } }),
    `accepting the invitation of ${email}`,
  );
  return { id: created.body.user.id, email, token: accepted.body.accessToken, cookie: refreshCookie(accepted) };
}

async function assign(base, admin, student, mentor) {
  await expectOk(
    api(base, 'POST', '/admin/assignments', {
      token: admin.token,
      body: { studentId: student.id, mentorId: mentor.id },
    }),
    'assigning',
  );
}

const countBy = (responses) => responses.reduce((m, r) => ((m[r.status] = (m[r.status] ?? 0) + 1), m), {});
const describe = (responses) =>
  Object.entries(countBy(responses))
    .map(([s, n]) => `${n}×${s}`)
    .join(', ');

/** A month well ahead (UTC, the programme's default zone), so every slot is in the future and in one month. */
function slotsInMonthAhead(count, monthsAhead = 2) {
  const now = new Date();
  const slots = [];
  for (let i = 0; slots.length < count; i++) {
    const day = 2 + Math.floor(i / 3);
    const hour = 8 + (i % 3) * 3;
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + monthsAhead, day, hour));
    slots.push({ startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() });
  }
  return slots;
}

/** Reads a text/event-stream until a message matches or the time is up. */
async function waitForEvent(url, token, predicate, { timeoutMs, onOpen, lastEventId } = {}) {
  const controller = new AbortController();
  const headers = { authorization: `Bearer ${token}`, accept: 'text/event-stream' };
  if (lastEventId) headers['last-event-id'] = lastEventId;
  const res = await fetch(url, { headers, signal: controller.signal });
  if (res.status !== 200) throw new Error(`event stream answered ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let buffer = '';
  let opened = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return null;
      buffer += value;
      if (!opened) {
        opened = true;
        onOpen?.();
      }
      let index;
      while ((index = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        const message = { id: undefined, event: undefined, data: '' };
        for (const line of block.split('\n')) {
          if (line.startsWith('id: ')) message.id = line.slice(4);
          else if (line.startsWith('event: ')) message.event = line.slice(7);
          else if (line.startsWith('data: ')) message.data += line.slice(6);
        }
        if (message.data && predicate(message)) return { ...message, at: Date.now() };
      }
    }
  } catch (error) {
    if (error.name === 'AbortError') return null;
    throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

// ---------------------------------------------------------------------------------------------
// The checks

async function onePendingRequest(base, admin) {
  const [student, mentor] = [await onboard(base, admin, 'student'), await onboard(base, admin, 'mentor')];
  await assign(base, admin, student, mentor);
  const responses = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      api(base, 'POST', '/mentoring-requests', {
        token: student.token,
        body: { mentorId: mentor.id, topic: `Race ${i}`, message: 'Twenty at once' },
      }),
    ),
  );
  const created = responses.filter((r) => r.status === 201).length;
  const refused = responses.filter((r) => r.status === 409 && r.body?.code === 'REQUEST_ALREADY_PENDING').length;
  check(
    '20 simultaneous requests by one student over both instances: exactly one 201',
    created === 1 && refused === 19,
    describe(responses),
  );
}

async function monthlyQuota(base, admin) {
  const [student, mentor] = [await onboard(base, admin, 'student'), await onboard(base, admin, 'mentor')];
  await assign(base, admin, student, mentor);
  const mentorSession = await login(base, mentor.email);
  const responses = await Promise.all(
    slotsInMonthAhead(40).map((slot) =>
      api(base, 'POST', '/sessions', { token: mentorSession.token, body: { studentId: student.id, ...slot } }),
    ),
  );
  const created = responses.filter((r) => r.status === 201).length;
  const overQuota = responses.filter((r) => r.status === 429 && r.body?.code === 'MONTHLY_QUOTA_EXCEEDED').length;
  check('40 bookings against a monthly quota of 4: exactly 4', created === 4 && overQuota === 36, describe(responses));
}

async function noDoubleBooking(base, admin) {
  const mentor = await onboard(base, admin, 'mentor');
  const students = [];
  for (let i = 0; i < 8; i++) {
    const student = await onboard(base, admin, 'student');
    await assign(base, admin, student, mentor);
    students.push(student);
  }
  const [slot] = slotsInMonthAhead(1, 3);
  const responses = await Promise.all(
    Array.from({ length: 24 }, (_, i) =>
      api(base, 'POST', '/sessions', {
        token: mentor.token,
        body: { studentId: students[i % students.length].id, ...slot },
      }),
    ),
  );
  const created = responses.filter((r) => r.status === 201).length;
  const conflicts = responses.filter((r) => r.status === 409 && r.body?.code === 'SCHEDULE_CONFLICT').length;
  const [rows] = await db.query("SELECT COUNT(*) AS n FROM sessions WHERE mentor_id = ? AND status = 'scheduled'", [
    mentor.id,
  ]);
  check(
    '24 racing schedules of one slot of one mentor: one session, the rest SCHEDULE_CONFLICT',
    created === 1 && conflicts === 23 && Number(rows[0].n) === 1,
    `${describe(responses)}; sessions stored: ${rows[0].n}`,
  );
}

async function singleUseRefresh(base, admin) {
  const student = await onboard(base, admin, 'student');
  const session = await login(base, student.email);
  const responses = await Promise.all(
    Array.from({ length: 100 }, () => api(base, 'POST', '/auth/refresh', { cookie: session.cookie })),
  );
  const rotated = responses.filter((r) => r.status === 200).length;
  const others = responses.filter((r) => r.status !== 200 && r.status !== 401);
  check(
    '100 concurrent refreshes of one refresh token: at most one succeeds',
    rotated <= 1 && others.length === 0,
    describe(responses),
  );
}

async function liveEventsAcrossInstances(a, b, admin) {
  const [student, mentor] = [await onboard(a, admin, 'student'), await onboard(a, admin, 'mentor')];
  await assign(a, admin, student, mentor);
  const [slot] = slotsInMonthAhead(1, 4);
  let sentAt = 0;
  let created;
  const event = await waitForEvent(
    `${b}/api/v1/events`,
    admin.token,
    (m) => m.event === 'session.scheduled' && JSON.parse(m.data).actorId === mentor.id,
    {
      timeoutMs: 5000,
      onOpen: () => {
        sentAt = Date.now();
        created = api(a, 'POST', '/sessions', { token: mentor.token, body: { studentId: student.id, ...slot } });
      },
    },
  );
  const res = await created;
  const latency = event ? event.at - sentAt : null;
  check(
    'an admin streaming from instance B sees a session scheduled through instance A within 1 s',
    res?.status === 201 && event !== null && latency <= 1000,
    event ? `${latency} ms after the request was sent` : `no event (POST ${res?.status})`,
  );

  // Replay after Last-Event-ID reads the shared event log, whichever instance the client returns to.
  if (event?.id) {
    const cancelled = await api(a, 'POST', `/sessions/${res.body.id}/cancel`, {
      token: mentor.token,
      body: { reason: 'Replay check' },
    });
    const replayed = await waitForEvent(
      `${a}/api/v1/events`,
      admin.token,
      (m) => m.event === 'session.cancelled' && JSON.parse(m.data).subject?.id === res.body.id,
      { timeoutMs: 3000, lastEventId: event.id },
    );
    check(
      'a client reconnecting to the other instance with Last-Event-ID gets what it missed',
      cancelled.status === 200 && replayed !== null,
      `cancel ${cancelled.status}, replayed: ${replayed ? 'yes' : 'no'}`,
    );
  }
}

async function replicaReads(b, admin) {
  const res = await api(b, 'GET', '/admin/overview', { token: admin.token });
  const ready = await api(b, 'GET', '/health/ready');
  check(
    'instance B with DATABASE_REPLICA_URLS answers the overview (replica reads) and readiness',
    res.status === 200 && ready.status === 200,
    `overview ${res.status}, ready ${ready.status}`,
  );
}

async function noLostWrites(base, admin, victim) {
  const workers = 12;
  const total = 400;
  const student = await onboard(base, admin, 'student');
  // One thread per writer: the check is about lost writes, not about contention on one thread.
  const threads = [];
  for (let i = 0; i < workers; i++) {
    const thread = await expectOk(
      api(base, 'POST', '/discussions', {
        token: student.token,
        body: {
          title: `Load ${RUN_ID} ${i}`,
          body: 'Writes while an instance dies',
          audience: 'community',
          mode: 'normal',
        },
      }),
      'creating a thread',
    );
    threads.push(thread.body.id);
  }
  const acknowledged = [];
  const statuses = {};
  let sent = 0;
  let killed = false;
  const worker = async (threadId) => {
    while (sent < total) {
      const marker = `load-${RUN_ID}-${sent++}`;
      const res = await api(base, 'POST', `/discussions/${threadId}/posts`, {
        token: student.token,
        body: { body: marker, mode: 'normal' },
      });
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status >= 200 && res.status < 300) acknowledged.push(marker);
      if (!killed && acknowledged.length >= total / 4) {
        killed = true;
        victim.child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(threads.map(worker));
  const [rows] = await db.query('SELECT body, COUNT(*) AS n FROM discussion_posts WHERE body LIKE ? GROUP BY body', [
    `load-${RUN_ID}-%`,
  ]);
  const stored = new Map(rows.map((r) => [r.body, Number(r.n)]));
  const missing = acknowledged.filter((m) => stored.get(m) !== 1);
  const duplicated = [...stored.values()].filter((n) => n > 1).length;
  // Only the requests in flight on the killed instance may fail (the proxy answers them 502).
  const otherFailures = Object.entries(statuses)
    .filter(([s]) => !(Number(s) >= 200 && Number(s) < 300) && s !== '502')
    .reduce((n, [, c]) => n + c, 0);
  check(
    `SIGKILL of instance A under ${total} writes through the proxy: every acknowledged write stored exactly once`,
    killed &&
      missing.length === 0 &&
      duplicated === 0 &&
      otherFailures === 0 &&
      acknowledged.length >= total - 2 * workers,
    `${acknowledged.length} acknowledged (${Object.entries(statuses)
      .map(([s, n]) => `${n}×${s}`)
      .join(', ')}), ${stored.size} stored, ${missing.length} missing, ${duplicated} duplicated`,
  );
}

async function sharedLoginLimit(base, admin, { expectShared }) {
  const user = await onboard(base, admin, 'student');
  const attempts = LOGIN_LIMIT * 4;
  const responses = await Promise.all(
    Array.from({ length: attempts }, () =>
      api(base, 'POST', '/auth/login', { body: { email: user.email, password: 'not-the-password-at-all' } }),
    ),
  );
  const allowed = responses.filter((r) => r.status !== 429).length;
  const limited = responses.filter((r) => r.status === 429 && r.body?.code === 'RATE_LIMITED').length;
  if (expectShared) {
    check(
      `sign-in limit of ${LOGIN_LIMIT}/min per account over both instances with Redis: exactly ${LOGIN_LIMIT} allowed`,
      allowed === LOGIN_LIMIT && limited === attempts - LOGIN_LIMIT,
      describe(responses),
    );
  } else {
    // The same check without Redis: each instance counts alone, so about twice the limit gets through.
    check(
      `control without REDIS_URL: the same check sees per-instance counters (about ${2 * LOGIN_LIMIT} allowed, so "exactly ${LOGIN_LIMIT}" would fail)`,
      allowed > LOGIN_LIMIT,
      describe(responses),
    );
  }
}

// ---------------------------------------------------------------------------------------------

let db;
let redisCleanup = true;

async function main() {
  await ensureBuilt(['backend']);
  const server = await mysql.createConnection({ uri: serverUrl('') });
  await server.query(`CREATE DATABASE \`${DB_NAME}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await server.end();
  db = await mysql.createConnection({ uri: DATABASE_URL });
  console.log(`Cluster run ${RUN_ID}: database ${DB_NAME}, Redis prefix ${REDIS_PREFIX}, proxy on ${PORT_BASE}`);

  const migrate = await run(process.execPath, [CLI, 'migrate'], {
    env: { DATABASE_URL, LOG_LEVEL: 'warn' },
    capture: true,
  });
  if (migrate.code !== 0) throw new Error('migrations failed');
  const adminEmail = `admin.${RUN_ID}@cluster.test`;
  const createAdmin = await run(process.execPath, [CLI, 'create-admin', '--email', adminEmail], {
    env: { DATABASE_URL, PEERPALS_ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' },
    capture: true,
  });
  if (createAdmin.code !== 0) throw new Error('create-admin failed');

  console.log('\n▶ Two instances with Redis (B also with a read replica configured), behind a round-robin proxy');
  let [a, b] = await startPair({ redis: true, replicaOnB: true });
  proxy = await startProxy([a.port, b.port]);
  const admin = await login(proxy.url, adminEmail);
  const A = `http://127.0.0.1:${a.port}`;
  const B = `http://127.0.0.1:${b.port}`;
  await onePendingRequest(proxy.url, admin);
  await monthlyQuota(proxy.url, admin);
  await noDoubleBooking(proxy.url, admin);
  await singleUseRefresh(proxy.url, admin);
  await liveEventsAcrossInstances(A, B, admin);
  await replicaReads(B, admin);
  await noLostWrites(proxy.url, admin, a);
  await Promise.all([stopInstance(a), stopInstance(b)]);

  console.log(`\n▶ Sign-in limit of ${LOGIN_LIMIT}/min per account, counters in Redis`);
  [a, b] = await startPair({ redis: true, limits: { authPerAccount: LOGIN_LIMIT } });
  await sharedLoginLimit(proxy.url, await login(A, adminEmail), { expectShared: true });
  await Promise.all([stopInstance(a), stopInstance(b)]);

  console.log(`\n▶ The same limit with the instances started without REDIS_URL`);
  [a, b] = await startPair({ redis: false, limits: { authPerAccount: LOGIN_LIMIT } });
  await sharedLoginLimit(proxy.url, await login(A, adminEmail), { expectShared: false });
  await Promise.all([stopInstance(a), stopInstance(b)]);
}

async function cleanUp() {
  for (const instance of [...processes]) await stopInstance(instance, 'SIGKILL');
  if (proxy) {
    proxy.agent.destroy();
    proxy.server.closeAllConnections?.();
    await new Promise((resolve) => proxy.server.close(resolve));
  }
  await db?.end().catch(() => undefined);
  const server = await mysql.createConnection({ uri: serverUrl('') }).catch(() => null);
  await server?.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
  await server?.end();
  if (redisCleanup) {
    const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_PREFIX}*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
    } catch {
      // Nothing to clean when Redis is not there.
    } finally {
      redis.disconnect();
    }
  }
}

let crashed = null;
try {
  await main();
} catch (error) {
  crashed = error;
  console.error(`\nThe cluster run stopped: ${error.stack ?? error.message}`);
  for (const instance of processes)
    if (instance.output.trim())
      console.error(`\n--- output of instance ${instance.name} ---\n${instance.output.slice(-4000)}`);
} finally {
  await cleanUp();
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed + (crashed ? 1 : 0);
console.log(`\ncluster: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
