// The API against a MariaDB server of its own that the suite kills, stalls and restarts, with a
// small TCP proxy in between to slow or drop the connection. Proves that:
// - SIGKILL of the database during a burst of writes loses no acknowledged write, leaves nothing
//   half-written, answers 503 (also /health/ready) while the database is down, and recovers by
//   itself within 10 s of the database being back;
// - SIGTERM to the API under load fails no request it had accepted;
// - a stalled or dropped database connection gives bounded 503s, no hung request, and a pool that
//   works again afterwards.
// `npm run test:faults` builds the backend and runs this suite (backend/jest.faults.config.cjs).
// Needs the MariaDB server binaries (mariadbd, mariadb-install-db); uses ports 4750–4752 (FAULTS_PORT_BASE).
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RowDataPacket } from 'mysql2/promise';
import {
  childEnv,
  ExitStatus,
  ROOT,
  runBuiltCli,
  ServerProcess,
  startBuiltServer,
  stopAllServers,
} from '../utils/built-server';
import { reportFigures } from '../utils/figures';
import { httpClient, HttpResult, isSuccess } from '../utils/http-client';
import { PrivateMariaDb } from '../utils/private-mariadb';
import { TcpFaultProxy } from '../utils/tcp-fault-proxy';

/** FAULTS_PORT_BASE (default 4750): the database on it, the proxy and the API on the next ports. */
const PORT_BASE = Number(process.env['FAULTS_PORT_BASE'] ?? 4750);
const DB_PORT = PORT_BASE;
const PROXY_PORT = PORT_BASE + 1;
const API_PORT = PORT_BASE + 2;
const QUERY_TIMEOUT_MS = 1500;
const CONNECT_TIMEOUT_MS = 1500;
/** A request slower than this counts as hung. */
const HUNG_MS = 8000;
const RECOVERY_BUDGET_MS = 10_000;
const SCENARIO_MS = 120_000;
const DB_USER = 'peerpals';
const DB_PASSWORD = `fault-${randomBytes(9).toString('hex')}`;
const DEMO_PASSWORD = 'peerpals-demo-2026';
const DEMO = (local: string) => `${local}@demo.peerpals.test`;

const mariadb = new PrivateMariaDb(join(ROOT, 'tmp/faults'), DB_PORT);
const dbProxy = new TcpFaultProxy(DB_PORT);
const env = childEnv({
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
  REDIS_URL: undefined,
});
/** Every request on a connection of its own, abandoned as hung after HUNG_MS + 2 s; never throws. */
const call = httpClient(`http://127.0.0.1:${API_PORT}`, { prefix: '/api/v1', timeoutMs: HUNG_MS + 2000 });

let api: ServerProcess | undefined;
const startApi = async () => {
  api = await startBuiltServer({ name: 'the API', port: API_PORT, env });
};

// ---------------------------------------------------------------------------------------------
// Demo accounts and a stream of writes

const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
async function signInDemo(): Promise<void> {
  for (const local of [
    'admin',
    'mentor1',
    'mentor2',
    'mentor3',
    ...Array.from({ length: 12 }, (_, i) => `student${i + 1}`),
  ]) {
    const res = await call('POST', '/auth/login', { body: { email: DEMO(local), password: DEMO_PASSWORD } });
    if (res.status !== 200) throw new Error(`sign-in of ${local} failed: ${res.status} ${JSON.stringify(res.body)}`);
    tokens[local] = res.body.accessToken;
  }
  const c = await mariadb.connect('peerpals');
  const [rows] = await c.query<RowDataPacket[]>('SELECT id, email FROM users');
  await c.end();
  for (const row of rows) ids[String(row['email']).split('@')[0]] = String(row['id']);
}

type WriteKind = 'thread' | 'session' | 'request';
interface Write {
  kind?: WriteKind;
  table?: string;
  send(): Promise<HttpResult>;
  undo?(): void;
}
interface Outcome extends HttpResult {
  kind?: WriteKind;
  table?: string;
  at: number;
}

// Demo assignments: student i belongs to mentor ((i - 1) % 3) + 1.
const MENTOR_OF = (i: number) => `mentor${((i - 1) % 3) + 1}`;
const BASE = Date.UTC(new Date().getUTCFullYear() + 1, 0, 5, 0, 0, 0);
let sequence = 0;
const requested = new Set<number>();

/** The next write: mostly posts, a session every third, a request per student while they last. */
function nextWrite(): Write {
  const n = sequence++;
  const student = (n % 12) + 1;
  if (n % 3 === 1) {
    // Every session its own slot, three days apart: no conflicts, at most a few per month and student.
    const startsAt = new Date(BASE + n * 3 * 86_400_000 + student * 3_600_000);
    return {
      kind: 'session',
      table: 'sessions',
      send: () =>
        call('POST', '/sessions', {
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
        call('POST', '/mentoring-requests', {
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
      call('POST', '/discussions', {
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

async function perform(write: Write): Promise<Outcome> {
  const res = await write.send();
  if (!isSuccess(res)) write.undo?.();
  return { ...res, kind: write.kind, table: write.table, at: Date.now() };
}

/** Keeps `concurrency` writers busy until `stop()`; records every outcome. */
function writeLoad(concurrency: number): { outcomes: Outcome[]; stop(): Promise<void> } {
  let running = true;
  const outcomes: Outcome[] = [];
  const worker = async () => {
    while (running) {
      const outcome = await perform(nextWrite());
      outcomes.push(outcome);
      if (outcome.status === 0 || outcome.status >= 500) await sleep(50);
    }
  };
  const workers = Array.from({ length: concurrency }, worker);
  return {
    outcomes,
    stop: async () => {
      running = false;
      await Promise.all(workers);
    },
  };
}

/** "201×12 503×4 ECONNRESET×1": how many outcomes had each status (or error). */
function summarise(outcomes: readonly HttpResult[]): string {
  const by = new Map<string, number>();
  for (const o of outcomes) {
    const key = o.status ? String(o.status) : (o.error ?? '0');
    by.set(key, (by.get(key) ?? 0) + 1);
  }
  return [...by].map(([k, v]) => `${k}×${v}`).join(' ');
}

/** A line of what a scenario saw, beside jest's report (as `npm run test:faults` printed before its checks). */
const note = (line: string) => process.stdout.write(`  ${line}\n`);

const isProblem503 = (o: HttpResult) => o.status === 503 && Boolean(o.body?.code) && o.body.status === 503;
const slowest = (outcomes: readonly HttpResult[]) => Math.max(...outcomes.map((o) => o.ms));

let lostWrites = 0;

/** Two checks on what the database holds after a scenario's writes (`outcomes()` once the scenario ran). */
function itKeepsEveryAcknowledgedWrite(outcomes: () => Outcome[]): void {
  it('every acknowledged write is stored exactly once', async () => {
    const acknowledged = outcomes().filter((o) => o.table && isSuccess(o));
    const c = await mariadb.connect('peerpals');
    const missing: Outcome[] = [];
    const duplicated: Outcome[] = [];
    try {
      for (const o of acknowledged) {
        const [[row]] = await c.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${o.table} WHERE id = ?`, [
          o.body.id,
        ]);
        if (Number(row['n']) === 0) missing.push(o);
        if (Number(row['n']) > 1) duplicated.push(o);
      }
    } finally {
      await c.end();
    }
    lostWrites += missing.length;
    expect({ acknowledged: acknowledged.length > 0, missing: missing.length, duplicated: duplicated.length }).toEqual({
      acknowledged: true,
      missing: 0,
      duplicated: 0,
    });
  });

  it('nothing is half-written: threads have their opening post and tags, reply and quota counters agree', async () => {
    const c = await mariadb.connect('peerpals');
    try {
      const [[threads]] = await c.query<RowDataPacket[]>(
        `SELECT COUNT(*) AS n FROM discussion_threads t WHERE (SELECT COUNT(*) FROM discussion_posts p WHERE p.thread_id = t.id AND p.is_opening = 1) <> 1
           OR t.reply_count <> (SELECT COUNT(*) FROM discussion_posts p WHERE p.thread_id = t.id AND p.is_opening = 0)
           OR (t.tags <> '' AND NOT EXISTS (SELECT 1 FROM discussion_thread_tags g WHERE g.thread_id = t.id))`,
      );
      const [[orphans]] = await c.query<RowDataPacket[]>(
        'SELECT COUNT(*) AS n FROM discussion_posts p WHERE NOT EXISTS (SELECT 1 FROM discussion_threads t WHERE t.id = p.thread_id)',
      );
      const [[quota]] = await c.query<RowDataPacket[]>(
        `SELECT COUNT(*) AS n FROM users u WHERE u.role = 'student' AND
           (SELECT COALESCE(SUM(q.used), 0) FROM quota_usage q WHERE q.student_id = u.id) <> (SELECT COUNT(*) FROM sessions s WHERE s.student_id = u.id AND s.status <> 'cancelled')`,
      );
      expect({
        inconsistentThreads: Number(threads['n']),
        orphanPosts: Number(orphans['n']),
        studentsWhoseQuotaCounterDisagrees: Number(quota['n']),
      }).toEqual({ inconsistentThreads: 0, orphanPosts: 0, studentsWhoseQuotaCounterDisagrees: 0 });
    } finally {
      await c.end();
    }
  });
}

/** After a fault clears: ready within 10 s, then 50 concurrent requests all succeed (the pool is whole). */
function itRecovers(healed: () => Promise<number>): void {
  let healedAt = 0;
  it('ready again within 10 s of the connection healing', async () => {
    healedAt = await healed();
    let readyAt = 0;
    while (Date.now() - healedAt < 20_000) {
      if ((await call('GET', '/health/ready', { timeoutMs: 3000 })).status === 200) {
        readyAt = Date.now();
        break;
      }
      await sleep(100);
    }
    note(
      `ready again ${readyAt ? `${((readyAt - healedAt) / 1000).toFixed(1)} s` : 'never'} after the connection healed`,
    );
    expect(readyAt).toBeGreaterThan(0);
    expect(readyAt - healedAt).toBeLessThanOrEqual(RECOVERY_BUDGET_MS);
  }, 30_000);

  it('50 concurrent reads afterwards all succeed', async () => {
    const burst = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call('GET', '/discussions?limit=5', { token: tokens[`student${(i % 12) + 1}`] }),
      ),
    );
    expect(summarise(burst.filter((o) => o.status !== 200))).toBe('');
  });
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  await mariadb.create();
  const c = await mariadb.connect();
  await c.query('CREATE DATABASE peerpals CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
  await c.query(`CREATE USER '${DB_USER}'@'%' IDENTIFIED BY '${DB_PASSWORD}'`);
  await c.query(`GRANT ALL ON peerpals.* TO '${DB_USER}'@'%'`);
  await c.end();
  await dbProxy.listen(PROXY_PORT);
  // The CLI talks through the proxy, which lives in this process: it must not block it.
  await runBuiltCli(['migrate'], env);
  await runBuiltCli(['seed-demo'], env);
  await startApi();
  await signInDemo();
}, SCENARIO_MS);

afterAll(async () => {
  await stopAllServers();
  await mariadb.kill();
  await dbProxy.close();
  reportFigures('faults', { lostWrites }, `acknowledged writes lost: ${lostWrites}`);
}, 30_000);

describe('SIGKILL of the database during writes', () => {
  const s = {
    outcomes: [] as Outcome[],
    readyWhileDown: undefined as unknown as HttpResult,
    sample: undefined as unknown as HttpResult,
    killedAt: 0,
    restartAt: 0,
    databaseBack: 0,
    recoveredAt: 0,
  };

  beforeAll(async () => {
    const load = writeLoad(6);
    await sleep(1500);
    s.killedAt = Date.now();
    await mariadb.kill();
    await sleep(1500);
    s.readyWhileDown = await call('GET', '/health/ready');
    s.sample = await call('GET', '/discussions', { token: tokens['student2'] });
    await sleep(1000);
    s.restartAt = Date.now();
    await mariadb.start();
    s.databaseBack = Date.now();
    while (Date.now() - s.databaseBack < 30_000) {
      const res = await call('GET', '/health/ready', { timeoutMs: 3000 });
      if (res.status === 200) {
        s.recoveredAt = Date.now();
        break;
      }
      await sleep(100);
    }
    await sleep(1500);
    await load.stop();
    s.outcomes = load.outcomes;
    note(
      `SIGKILL of the database: writes ${summarise(s.outcomes)} (database down ${((s.databaseBack - s.killedAt) / 1000).toFixed(1)} s, ready ${s.recoveredAt ? `${((s.recoveredAt - s.databaseBack) / 1000).toFixed(1)} s` : 'never'} after it came back)`,
    );
  }, SCENARIO_MS);

  it('/health/ready answers 503 problem+json while the database is down', () => {
    expect(s.readyWhileDown.status).toBe(503);
    expect(isProblem503(s.readyWhileDown)).toBe(true);
  });

  it('a read answers 503 problem+json while the database is down', () => {
    expect({ status: s.sample.status, body: s.sample.body, error: s.sample.error }).toMatchObject({
      status: 503,
      body: { status: 503, code: expect.any(String) },
    });
  });

  it('the writes during the outage all answer 503 problem+json', () => {
    const duringOutage = s.outcomes.filter((o) => o.at > s.killedAt + 200 && o.at < s.restartAt);
    expect(duringOutage.length).toBeGreaterThan(0);
    expect(summarise(duringOutage.filter((o) => !(isProblem503(o) || isSuccess(o))))).toBe('');
  });

  it('no hung, dropped or 500 responses', () => {
    expect(summarise(s.outcomes.filter((o) => o.status === 0 || o.status === 500))).toBe('');
  });

  it('ready again within 10 s of the database being back, without a restart', () => {
    expect(s.recoveredAt).toBeGreaterThan(0);
    expect(s.recoveredAt - s.databaseBack).toBeLessThanOrEqual(RECOVERY_BUDGET_MS);
  });

  it('writes after recovery succeed', () => {
    const after = s.outcomes.filter((o) => s.recoveredAt && o.at > s.recoveredAt + 500);
    expect(after.length).toBeGreaterThan(0);
    expect(summarise(after.filter((o) => !isSuccess(o)))).toBe('');
  });

  itKeepsEveryAcknowledgedWrite(() => s.outcomes);
});

describe('SIGTERM to the API under load', () => {
  const s = { outcomes: [] as Outcome[], exit: null as ExitStatus | null, signalledAt: 0 };

  beforeAll(async () => {
    const server = api!;
    // The load comes through a load balancer's eyes: it polls readiness and stops routing here once
    // the instance reports 503; every request sent before that must succeed.
    let routing = true;
    let running = true;
    const poller = (async () => {
      while (running && routing) {
        const ready = await call('GET', '/health/ready', { timeoutMs: 2000 });
        if (ready.status !== 200) routing = false;
        else await sleep(250);
      }
    })();
    const worker = async (w: number) => {
      while (running && routing) {
        const write: Write =
          w % 2
            ? { send: () => call('GET', '/discussions?limit=20', { token: tokens[`student${(w % 12) + 1}`] }) }
            : nextWrite();
        s.outcomes.push(await perform(write));
      }
    };
    const workers = Array.from({ length: 12 }, (_, w) => worker(w));
    await sleep(1500);
    s.signalledAt = Date.now();
    server.child.kill('SIGTERM');
    s.exit = await server.waitForExit(20_000);
    running = false;
    await Promise.all([...workers, poller]);
    note(`SIGTERM to the API: requests ${summarise(s.outcomes)}, exit ${JSON.stringify(s.exit)}`);
  }, SCENARIO_MS);

  // The next scenarios need the API again.
  afterAll(() => startApi(), SCENARIO_MS);

  it('the API exits with code 0 within 20 s of the signal', () => {
    expect(s.exit).toEqual({ code: 0, signal: null });
  });

  it('no request fails, also those answered after the signal while draining', () => {
    const duringDrain = s.outcomes.filter((o) => o.at > s.signalledAt);
    expect(s.outcomes.length).toBeGreaterThan(50);
    expect(duringDrain.length).toBeGreaterThan(0);
    expect(summarise(s.outcomes.filter((o) => o.status === 0 || o.status >= 500))).toBe('');
  });

  itKeepsEveryAcknowledgedWrite(() => s.outcomes);
});

describe('Stalled database connection', () => {
  let during: HttpResult[] = [];
  let stalledAt = 0;

  beforeAll(async () => {
    dbProxy.setMode('stall');
    stalledAt = Date.now();
    during = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) =>
        call('GET', '/discussions?limit=5', { token: tokens[`student${(i % 12) + 1}`] }),
      ),
      ...Array.from({ length: 10 }, () => nextWrite().send()),
      call('GET', '/health/ready'),
    ]);
    note(`stalled database: requests ${summarise(during)}, slowest ${slowest(during)} ms`);
  }, SCENARIO_MS);

  it('every request while stalled answers 503 problem+json', () => {
    expect(during).toHaveLength(41);
    expect(summarise(during.filter((o) => !isProblem503(o)))).toBe('');
  });

  it(`bounded: the slowest answers within ${HUNG_MS} ms (query timeout ${QUERY_TIMEOUT_MS} ms)`, () => {
    expect(slowest(during)).toBeLessThan(HUNG_MS);
  });

  itRecovers(async () => {
    await sleep(Math.max(0, 3000 - (Date.now() - stalledAt)));
    dbProxy.setMode('pass');
    return Date.now();
  });
});

describe('Dropped database connections', () => {
  let during: HttpResult[] = [];

  beforeAll(async () => {
    dbProxy.setMode('drop');
    during = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call('GET', '/discussions?limit=5', { token: tokens[`student${(i % 12) + 1}`] }),
      ),
    );
    note(`dropped connections: requests ${summarise(during)}, slowest ${slowest(during)} ms`);
  }, SCENARIO_MS);

  it('every request while connections are refused answers 503 quickly', () => {
    expect(summarise(during.filter((o) => !isProblem503(o)))).toBe('');
    expect(slowest(during)).toBeLessThan(HUNG_MS);
  });

  itRecovers(async () => {
    await sleep(1000);
    dbProxy.setMode('pass');
    return Date.now();
  });
});
