// Two API processes on one MariaDB/MySQL database and one Redis, behind a small round-robin proxy,
// and the rules that must hold across them: one pending request, the monthly quota, no double
// booking, single-use refresh tokens, shared sign-in limits, live events on every instance, and no
// acknowledged write lost when an instance is killed. `npm run test:cluster` builds the backend and
// runs this suite (backend/jest.cluster.config.cjs).
//
// Environment (all optional): DATABASE_URL (a mysql:// server to create a fresh database on; default
// mysql://root@127.0.0.1:3306), REDIS_URL (default redis://127.0.0.1:6379), CLUSTER_PORT_BASE
// (default 4810: proxy on it, the instances on the next ports).
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import Redis from 'ioredis';
import { Connection, createConnection, RowDataPacket } from 'mysql2/promise';
import { Role } from '../../src/common/auth/role';
import { assignByApi, onboard, RemoteUser, signIn } from '../factories/http-users.factory';
import { childEnv, runBuiltCli, ServerProcess, startBuiltServer, stopAllServers } from '../utils/built-server';
import { countStatuses, expectOk, HttpClient, httpClient, HttpResult, isSuccess } from '../utils/http-client';
import { RoundRobinProxy, startRoundRobinProxy } from '../utils/round-robin-proxy';
import { openStream, SseMessage } from '../utils/sse-client';

const RUN_ID = randomBytes(4).toString('hex');
const MYSQL_SERVER = new URL(
  process.env['DATABASE_URL']?.startsWith('mysql://') ? process.env['DATABASE_URL'] : 'mysql://root@127.0.0.1:3306/',
);
const REDIS_URL = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';
const REDIS_PREFIX = `peerpals-cluster:${RUN_ID}:`;
const PORT_BASE = Number(process.env['CLUSTER_PORT_BASE'] ?? 4810);
const DB_NAME = `peerpals_cluster_${RUN_ID}`;
const JWT_SECRET = randomBytes(48).toString('base64url');
const PASSWORD = `Cluster-${RUN_ID}-correct-horse`;
const LOGIN_LIMIT = 6;
const ADMIN_EMAIL = `admin.${RUN_ID}@cluster.test`;
const STEP_MS = 120_000;

function serverUrl(database = ''): string {
  const url = new URL(MYSQL_SERVER.toString());
  url.pathname = `/${database}`;
  return url.toString();
}
const DATABASE_URL = serverUrl(DB_NAME);

interface PairOptions {
  redis: boolean;
  replicaOnB?: boolean;
  limits?: { authPerAccount?: number };
}

function instanceEnv(port: number, options: PairOptions, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return childEnv({
    REDIS_URL: options.redis ? REDIS_URL : undefined,
    REDIS_KEY_PREFIX: options.redis ? REDIS_PREFIX : undefined,
    DATABASE_REPLICA_URLS: undefined,
    SMTP_URL: undefined,
    CORS_ORIGINS: undefined,
    TRUST_PROXY: undefined,
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
    RATE_LIMIT_API_PER_MINUTE: '1000000',
    RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
    RATE_LIMIT_ACCOUNT_PER_MINUTE: String(options.limits?.authPerAccount ?? 1_000_000),
    ...extra,
  });
}

function startPair(options: PairOptions): Promise<[ServerProcess, ServerProcess]> {
  return Promise.all([
    startBuiltServer({ name: 'instance A', port: PORT_BASE + 1, env: instanceEnv(PORT_BASE + 1, options) }),
    startBuiltServer({
      name: 'instance B',
      port: PORT_BASE + 2,
      env: instanceEnv(PORT_BASE + 2, options, options.replicaOnB ? { DATABASE_REPLICA_URLS: DATABASE_URL } : {}),
    }),
  ]);
}

const agents: Agent[] = [];
/** A client on keep-alive connections (as a browser's), through the proxy or to one instance. */
function apiOf(baseUrl: string): HttpClient {
  const agent = new Agent({ keepAlive: true });
  agents.push(agent);
  return httpClient(baseUrl, { prefix: '/api/v1', agent, timeoutMs: 60_000 });
}
/** A line of what a check saw, beside jest's report. */
const note = (line: string) => process.stdout.write(`  ${line}\n`);
const statusCount = (responses: readonly HttpResult[], status: number, code?: string): number =>
  responses.filter((r) => r.status === status && (code === undefined || r.body?.code === code)).length;

/** Slots in a month well ahead (UTC, the programme's default zone): every slot in the future and in one month. */
function slotsInMonthAhead(count: number, monthsAhead = 2): { startsAt: string; endsAt: string }[] {
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

let db: Connection;
let proxy: RoundRobinProxy;
let userCount = 0;

function newUser(api: HttpClient, admin: RemoteUser, role: Role): Promise<RemoteUser> {
  const n = ++userCount;
  return onboard(api, admin, role, {
    email: `${role}${n}.${RUN_ID}@cluster.test`,
    displayName: `${role} ${n}`,
    password: PASSWORD,
  });
}

async function countRows(sql: string, values: unknown[]): Promise<number> {
  const [rows] = await db.query<RowDataPacket[]>(sql, values);
  return Number(rows[0]['n']);
}

async function deleteRedisKeys(): Promise<void> {
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

beforeAll(async () => {
  const server = await createConnection({ uri: serverUrl('') });
  await server.query(`CREATE DATABASE \`${DB_NAME}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await server.end();
  db = await createConnection({ uri: DATABASE_URL });
  const cliEnv = childEnv({ DATABASE_URL, LOG_LEVEL: 'warn' });
  await runBuiltCli(['migrate'], cliEnv);
  await runBuiltCli(['create-admin', '--email', ADMIN_EMAIL], { ...cliEnv, PEERPALS_ADMIN_PASSWORD: PASSWORD });
  proxy = await startRoundRobinProxy(PORT_BASE, [PORT_BASE + 1, PORT_BASE + 2]);
}, STEP_MS);

afterAll(async () => {
  await stopAllServers();
  for (const agent of agents) agent.destroy();
  await proxy?.close();
  await db?.end().catch(() => undefined);
  const server = await createConnection({ uri: serverUrl('') }).catch(() => null);
  await server?.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
  await server?.end();
  await deleteRedisKeys();
}, STEP_MS);

describe('two instances with Redis (B also with a read replica configured), behind a round-robin proxy', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let api: HttpClient;
  let admin: RemoteUser;

  beforeAll(async () => {
    [a, b] = await startPair({ redis: true, replicaOnB: true });
    api = apiOf(proxy.url);
    admin = await signIn(api, ADMIN_EMAIL, PASSWORD);
  }, STEP_MS);

  afterAll(() => Promise.all([a?.stop(), b?.stop()]), STEP_MS);

  it('20 simultaneous requests by one student over both instances: exactly one 201', async () => {
    const [student, mentor] = [await newUser(api, admin, Role.Student), await newUser(api, admin, Role.Mentor)];
    await assignByApi(api, admin, student, mentor);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api('POST', '/mentoring-requests', {
          token: student.token,
          body: { mentorId: mentor.id, topic: `Race ${i}`, message: 'Twenty at once' },
        }),
      ),
    );
    expect({
      created: statusCount(responses, 201),
      refused: statusCount(responses, 409, 'REQUEST_ALREADY_PENDING'),
      answers: countStatuses(responses),
    }).toEqual({ created: 1, refused: 19, answers: expect.any(String) });
  });

  it('40 bookings against a monthly quota of 4: exactly 4', async () => {
    const [student, mentor] = [await newUser(api, admin, Role.Student), await newUser(api, admin, Role.Mentor)];
    await assignByApi(api, admin, student, mentor);
    const mentorSession = await signIn(api, mentor.email, PASSWORD);
    const responses = await Promise.all(
      slotsInMonthAhead(40).map((slot) =>
        api('POST', '/sessions', { token: mentorSession.token, body: { studentId: student.id, ...slot } }),
      ),
    );
    expect({
      created: statusCount(responses, 201),
      overQuota: statusCount(responses, 429, 'MONTHLY_QUOTA_EXCEEDED'),
      answers: countStatuses(responses),
    }).toEqual({ created: 4, overQuota: 36, answers: expect.any(String) });
  });

  it('24 racing schedules of one slot of one mentor: one session, the rest SCHEDULE_CONFLICT', async () => {
    const mentor = await newUser(api, admin, Role.Mentor);
    const students: RemoteUser[] = [];
    for (let i = 0; i < 8; i++) {
      const student = await newUser(api, admin, Role.Student);
      await assignByApi(api, admin, student, mentor);
      students.push(student);
    }
    const [slot] = slotsInMonthAhead(1, 3);
    const responses = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        api('POST', '/sessions', {
          token: mentor.token,
          body: { studentId: students[i % students.length].id, ...slot },
        }),
      ),
    );
    const stored = await countRows("SELECT COUNT(*) AS n FROM sessions WHERE mentor_id = ? AND status = 'scheduled'", [
      mentor.id,
    ]);
    expect({
      created: statusCount(responses, 201),
      conflicts: statusCount(responses, 409, 'SCHEDULE_CONFLICT'),
      stored,
      answers: countStatuses(responses),
    }).toEqual({ created: 1, conflicts: 23, stored: 1, answers: expect.any(String) });
  });

  it('100 concurrent refreshes of one refresh token: at most one succeeds', async () => {
    const student = await newUser(api, admin, Role.Student);
    const session = await signIn(api, student.email, PASSWORD);
    const responses = await Promise.all(
      Array.from({ length: 100 }, () => api('POST', '/auth/refresh', { cookie: session.cookie })),
    );
    const rotated = statusCount(responses, 200);
    const others = responses.filter((r) => r.status !== 200 && r.status !== 401);
    expect(rotated).toBeLessThanOrEqual(1);
    expect(countStatuses(others)).toBe('');
  });

  let scheduled: { id: string; event: SseMessage; mentor: RemoteUser } | undefined;

  it('an admin streaming from instance B sees a session scheduled through instance A within 1 s', async () => {
    const [student, mentor] = [await newUser(api, admin, Role.Student), await newUser(api, admin, Role.Mentor)];
    await assignByApi(api, admin, student, mentor);
    const [slot] = slotsInMonthAhead(1, 4);
    // The stream is subscribed once its headers arrive (the server subscribes before answering).
    const stream = await openStream(b.baseUrl, '/api/v1/events', { authorization: `Bearer ${admin.token}` });
    try {
      expect(stream.status).toBe(200);
      const sentAt = Date.now();
      const created = apiOf(a.baseUrl)('POST', '/sessions', {
        token: mentor.token,
        body: { studentId: student.id, ...slot },
      });
      const event = await stream
        .waitFor((m) => m.event === 'session.scheduled' && JSON.parse(m.data).actorId === mentor.id, 5000)
        .then((m) => ({ message: m, at: Date.now() }))
        .catch(() => null);
      const res = await created;
      note(
        event ? `live event on B ${event.at - sentAt} ms after the request to A` : `no live event (POST ${res.status})`,
      );
      expect(res.status).toBe(201);
      expect(event).not.toBeNull();
      expect(event!.at - sentAt).toBeLessThanOrEqual(1000);
      scheduled = { id: res.body.id, event: event!.message, mentor };
    } finally {
      stream.close();
    }
  });

  it('a client reconnecting to the other instance with Last-Event-ID gets what it missed', async () => {
    // Replay after Last-Event-ID reads the shared event log, whichever instance the client returns to.
    expect(scheduled?.event.id).toBeDefined();
    const { id, event, mentor } = scheduled!;
    const cancelled = await apiOf(a.baseUrl)('POST', `/sessions/${id}/cancel`, {
      token: mentor.token,
      body: { reason: 'Replay check' },
    });
    expect(cancelled.status).toBe(200);
    const stream = await openStream(a.baseUrl, '/api/v1/events', {
      authorization: `Bearer ${admin.token}`,
      'last-event-id': event.id!,
    });
    try {
      const replayed = await stream
        .waitFor((m) => m.event === 'session.cancelled' && JSON.parse(m.data).subject?.id === id, 3000)
        .catch(() => null);
      expect(replayed).not.toBeNull();
    } finally {
      stream.close();
    }
  });

  it('instance B with DATABASE_REPLICA_URLS answers the overview (replica reads) and readiness', async () => {
    const onB = apiOf(b.baseUrl);
    const overview = await onB('GET', '/admin/overview', { token: admin.token });
    const ready = await onB('GET', '/health/ready');
    expect({ overview: overview.status, ready: ready.status }).toEqual({ overview: 200, ready: 200 });
  });

  it(
    'SIGKILL of instance A under 400 writes through the proxy: every acknowledged write stored exactly once',
    async () => {
      const workers = 12;
      const total = 400;
      const student = await newUser(api, admin, Role.Student);
      // One thread per writer: the check is about lost writes, not about contention on one thread.
      const threads: string[] = [];
      for (let i = 0; i < workers; i++) {
        const thread = await expectOk(
          api('POST', '/discussions', {
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
      const acknowledged: string[] = [];
      const answers: HttpResult[] = [];
      let sent = 0;
      let killed = false;
      const worker = async (threadId: string) => {
        while (sent < total) {
          const marker = `load-${RUN_ID}-${sent++}`;
          const res = await api('POST', `/discussions/${threadId}/posts`, {
            token: student.token,
            body: { body: marker, mode: 'normal' },
          });
          answers.push(res);
          if (isSuccess(res)) acknowledged.push(marker);
          if (!killed && acknowledged.length >= total / 4) {
            killed = true;
            a.child.kill('SIGKILL');
          }
        }
      };
      await Promise.all(threads.map(worker));
      const [rows] = await db.query<RowDataPacket[]>(
        'SELECT body, COUNT(*) AS n FROM discussion_posts WHERE body LIKE ? GROUP BY body',
        [`load-${RUN_ID}-%`],
      );
      const stored = new Map(rows.map((r) => [String(r['body']), Number(r['n'])]));
      // Only the requests in flight on the killed instance may fail (the proxy answers them 502).
      const otherFailures = answers.filter((r) => !isSuccess(r) && r.status !== 502);
      note(`SIGKILL of A: ${acknowledged.length} acknowledged (${countStatuses(answers)}), ${stored.size} stored`);
      expect(killed).toBe(true);
      expect({
        missing: acknowledged.filter((m) => stored.get(m) !== 1),
        duplicated: [...stored.values()].filter((n) => n > 1).length,
        otherFailures: countStatuses(otherFailures),
      }).toEqual({ missing: [], duplicated: 0, otherFailures: '' });
      expect(acknowledged.length).toBeGreaterThanOrEqual(total - 2 * workers);
    },
    STEP_MS,
  );
});

/** Four times the limit of failed sign-ins at once against one account, through the proxy. */
async function signInBurst(): Promise<{ allowed: number; limited: number; attempts: number; answers: string }> {
  const api = apiOf(proxy.url);
  const admin = await signIn(apiOf(`http://127.0.0.1:${PORT_BASE + 1}`), ADMIN_EMAIL, PASSWORD);
  const user = await newUser(api, admin, Role.Student);
  const attempts = LOGIN_LIMIT * 4;
  const responses = await Promise.all(
    Array.from({ length: attempts }, () =>
      api('POST', '/auth/login', { body: { email: user.email, password: 'not-the-password-at-all' } }),
    ),
  );
  return {
    allowed: responses.filter((r) => r.status !== 429).length,
    limited: statusCount(responses, 429, 'RATE_LIMITED'),
    attempts,
    answers: countStatuses(responses),
  };
}

describe(`sign-in limit of ${LOGIN_LIMIT}/min per account, counters in Redis`, () => {
  let pair: ServerProcess[] = [];
  beforeAll(async () => {
    pair = await startPair({ redis: true, limits: { authPerAccount: LOGIN_LIMIT } });
  }, STEP_MS);
  afterAll(() => Promise.all(pair.map((s) => s.stop())), STEP_MS);

  it(`sign-in limit of ${LOGIN_LIMIT}/min per account over both instances with Redis: exactly ${LOGIN_LIMIT} allowed`, async () => {
    const burst = await signInBurst();
    expect({ allowed: burst.allowed, limited: burst.limited }).toEqual({
      allowed: LOGIN_LIMIT,
      limited: burst.attempts - LOGIN_LIMIT,
    });
  });
});

describe('the same limit with the instances started without REDIS_URL', () => {
  let pair: ServerProcess[] = [];
  beforeAll(async () => {
    pair = await startPair({ redis: false, limits: { authPerAccount: LOGIN_LIMIT } });
  }, STEP_MS);
  afterAll(() => Promise.all(pair.map((s) => s.stop())), STEP_MS);

  // The same check without Redis: each instance counts alone, so about twice the limit gets through.
  it(`control without REDIS_URL: the same check sees per-instance counters (about ${2 * LOGIN_LIMIT} allowed, so "exactly ${LOGIN_LIMIT}" would fail)`, async () => {
    const burst = await signInBurst();
    expect(burst.allowed).toBeGreaterThan(LOGIN_LIMIT);
  });
});
