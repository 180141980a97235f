// @ts-check
// Seeded, realistic benchmark data written straight into MySQL/MariaDB with multi-row INSERTs.
// The schema comes from the application's own migrations (`cli.js migrate`); this file only fills it.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Algorithm, hash } from '@node-rs/argon2';
import mysql from 'mysql2/promise';
import { BACKEND_MAIN, ROOT, run } from '../lib.mjs';

export const BENCH_PASSWORD = 'bench-password-0123456789';
const GENERATOR_VERSION = 5;
const DAY = 86_400_000;
const BATCH = 2000;

/** Full-size counts (scale 1); every count is multiplied by the scale. */
export const FULL_SIZE = {
  students: 10_000,
  mentors: 500,
  sessions: 200_000,
  requests: 50_000,
  threads: 5_000,
  posts: 1_000_000,
  hotThreadPosts: 200_000,
};

/**
 * The counts of a data set at `scale` (at least one of each).
 * @param {number} scale
 * @returns {Record<keyof typeof FULL_SIZE, number>}
 */
export function countsFor(scale) {
  /** @param {number} v */
  const n = (v) => Math.max(1, Math.round(v * scale));
  return /** @type {Record<keyof typeof FULL_SIZE, number>} */ (
    Object.fromEntries(Object.entries(FULL_SIZE).map(([k, v]) => [k, n(v)]))
  );
}

/**
 * mulberry32: small, fast and good enough to make the same data set every time.
 * @param {number} seed
 * @returns {() => number} numbers in [0, 1)
 */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A UUID-shaped id derived from a name, so every run names the same rows the same way.
 * @param {string} kind
 * @param {number | string} n
 * @returns {string}
 */
export function idFor(kind, n) {
  const h = createHash('sha1').update(`${kind}:${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The id of a row created at `at`, shaped like the API's own (UUID version 7: creation time first),
 * with the rest derived from a name. Rows of the big tables are written roughly in this order.
 * @param {string} kind
 * @param {number | string} n
 * @param {number} at epoch milliseconds
 * @returns {string}
 */
export function timeIdFor(kind, n, at) {
  const h = createHash('sha1').update(`${kind}:${n}`).digest('hex');
  const t = Math.max(0, Math.floor(at)).toString(16).padStart(12, '0');
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** @param {number} ms epoch milliseconds, as a DATETIME literal */
export const ts = (ms) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
/** @param {number} i */
export const studentEmail = (i) => `student${i}@bench.example`;
/** @param {number} i */
export const mentorEmail = (i) => `mentor${i}@bench.example`;

const WORDS =
  'exam revision plan thesis draft lecture notes deadline stress sleep group project feedback lab report internship career interview maths physics essay reading week library coffee presentation anxiety motivation schedule module grade tutor seminar'.split(
    ' ',
  );
const TAGS = ['study', 'wellbeing', 'career', 'exams', 'housing', 'money', 'research', 'social'];
const ZONES = ['Europe/London', 'Europe/Berlin', 'America/New_York', 'Asia/Singapore', 'UTC'];

function words(rand, count) {
  let out = '';
  for (let i = 0; i < count; i++) out += (i ? ' ' : '') + WORDS[Math.floor(rand() * WORDS.length)];
  return out;
}

async function insertAll(db, table, columns, rows) {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [rows.slice(i, i + BATCH)]);
  }
}

/**
 * Generates rows in batches, in order (so the seeded PRNG gives the same rows every time), and
 * keeps each connection busy with one batch while the next is being made.
 */
async function insertGenerated(conns, table, columns, total, make) {
  const free = [...conns];
  const inFlight = new Set();
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`;
  for (let start = 0; start < total; start += BATCH) {
    const rows = [];
    for (let i = start; i < Math.min(total, start + BATCH); i++) rows.push(make(i));
    while (free.length === 0) await Promise.race(inFlight);
    const conn = free.pop();
    const done = conn.query(sql, [rows]).then(() => {
      inFlight.delete(done);
      free.push(conn);
    });
    inFlight.add(done);
  }
  await Promise.all(inFlight);
}

/** The secondary index definitions of `table`, as `SHOW CREATE TABLE` prints them. */
async function secondaryIndexes(db, table) {
  const [[row]] = await db.query(`SHOW CREATE TABLE ${table}`);
  return /** @type {string} */ (row['Create Table'])
    .split('\n')
    .map((line) => line.trim().replace(/,$/, ''))
    .filter((line) => /^(UNIQUE |FULLTEXT |SPATIAL )?KEY `/.test(line));
}

/**
 * Fills the big tables without their secondary indexes and builds those afterwards: one sorted
 * build per index is many times faster than keeping them up to date row by row.
 */
async function withoutSecondaryIndexes(db, tables, fillTables, log) {
  const saved = new Map();
  for (const table of tables) {
    const indexes = await secondaryIndexes(db, table);
    saved.set(table, indexes);
    if (indexes.length)
      await db.query(`ALTER TABLE ${table} ${indexes.map((d) => `DROP INDEX ${/`[^`]+`/.exec(d)?.[0]}`).join(', ')}`);
  }
  await fillTables();
  for (const [table, indexes] of saved) {
    const started = Date.now();
    if (indexes.length) await db.query(`ALTER TABLE ${table} ${indexes.map((d) => `ADD ${d}`).join(', ')}`);
    log(`  ${table}: ${indexes.length} indexes built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}

/**
 * Makes the InnoDB buffer pool at least `megabytes` large (MariaDB and MySQL resize it online) and
 * returns a function that puts the old size back. The 128 MB default holds a fraction of the full
 * data set; a production database is sized to its hot data, and so is the benchmark's.
 * @param {string} serverUrl a mysql:// URL of the server
 * @param {number} megabytes
 * @param {(...args: unknown[]) => void} [log]
 * @returns {Promise<() => Promise<void>>}
 */
export async function ensureBufferPool(serverUrl, megabytes, log = console.log) {
  const admin = await mysql.createConnection({ uri: adminUrl(serverUrl) });
  try {
    const [[{ size }]] = /** @type {[import('mysql2/promise').RowDataPacket[], unknown]} */ (
      await admin.query('SELECT @@GLOBAL.innodb_buffer_pool_size AS size')
    );
    const before = Number(size);
    const wanted = megabytes * 1024 * 1024;
    if (before >= wanted) return async () => undefined;
    await admin.query('SET GLOBAL innodb_buffer_pool_size = ?', [wanted]);
    log(`  InnoDB buffer pool ${before / 1048576} MB → ${megabytes} MB for the run`);
    return async () => {
      const again = await mysql.createConnection({ uri: adminUrl(serverUrl) });
      try {
        await again.query('SET GLOBAL innodb_buffer_pool_size = ?', [before]);
      } finally {
        await again.end();
      }
    };
  } catch (error) {
    log(
      `  could not resize the InnoDB buffer pool (${error instanceof Error ? error.message : error}); measuring with the server's own size`,
    );
    return async () => undefined;
  } finally {
    await admin.end();
  }
}

/**
 * The server's URL without a database.
 * @param {string} base
 */
export function adminUrl(base) {
  const url = new URL(base);
  url.pathname = '/';
  return url.toString();
}

/**
 * Creates (or reuses) database `name` filled at `scale`. Reuse needs the same scale, seed and
 * generator version, recorded in `bench_meta`; `force` regenerates.
 * @param {{ serverUrl: string, name: string, scale: number, seed: number, appUser: string, appPassword: string, force?: boolean, log?: (...args: unknown[]) => void }} options
 * @returns {Promise<void>}
 */
export async function ensureDataset({
  serverUrl,
  name,
  scale,
  seed,
  appUser,
  appPassword,
  force = false,
  log = console.log,
}) {
  const admin = await mysql.createConnection({ uri: adminUrl(serverUrl), multipleStatements: false });
  const wanted = JSON.stringify({ scale, seed, version: GENERATOR_VERSION });
  try {
    // The API refuses a password-less database URL in production, so the servers use a user of their own.
    for (const host of ['127.0.0.1', 'localhost']) {
      await admin.query(`CREATE USER IF NOT EXISTS '${appUser}'@'${host}' IDENTIFIED BY '${appPassword}'`);
      await admin.query(`ALTER USER '${appUser}'@'${host}' IDENTIFIED BY '${appPassword}'`);
      await admin.query(`GRANT ALL PRIVILEGES ON \`${name}\`.* TO '${appUser}'@'${host}'`);
    }
    if (!force) {
      const [rows] = /** @type {[import('mysql2/promise').RowDataPacket[], unknown]} */ (
        await admin.query(
          'SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?',
          [name, 'bench_meta'],
        )
      );
      if (rows.length > 0) {
        const [meta] = await admin.query(`SELECT value FROM \`${name}\`.bench_meta WHERE name = 'dataset'`);
        if (meta[0]?.value === wanted) {
          log(`  data set ${name} (scale ${scale}) is already there`);
          return;
        }
      }
    }
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }

  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${name}`;
  const migrated = await run(process.execPath, [BACKEND_MAIN.replace(/main\.js$/, 'cli.js'), 'migrate'], {
    env: { DATABASE_URL: dbUrl.toString(), NODE_ENV: 'development', LOG_LEVEL: 'warn' },
    cwd: ROOT,
  });
  if (migrated.code !== 0) throw new Error(`migrations failed on ${name}`);

  const started = Date.now();
  const pool = mysql.createPool({ uri: dbUrl.toString(), connectionLimit: 3 });
  const conns = await Promise.all([0, 1, 2].map(() => pool.getConnection()));
  for (const c of conns) await c.query('SET foreign_key_checks = 0, unique_checks = 0');
  const db = conns[0];
  try {
    await withoutSecondaryIndexes(
      db,
      ['sessions', 'mentoring_requests', 'discussion_posts'],
      () => fill(conns, db, scale, seed, log),
      log,
    );
    await db.query('CREATE TABLE bench_meta (name VARCHAR(32) PRIMARY KEY, value VARCHAR(255) NOT NULL)');
    await db.query('INSERT INTO bench_meta VALUES (?, ?)', ['dataset', wanted]);
    for (const table of [
      'users',
      'assignments',
      'sessions',
      'mentoring_requests',
      'discussion_threads',
      'discussion_posts',
    ])
      await db.query(`ANALYZE TABLE ${table}`);
  } finally {
    for (const c of conns) c.release();
    await pool.end();
  }
  log(`  generated ${name} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

async function fill(conns, db, scale, seed, log) {
  const rand = prng(seed);
  const c = countsFor(scale);
  const now = Date.now();
  const passwordHash = await hash(BENCH_PASSWORD, {
    algorithm: Algorithm.Argon2id,
    memoryCost: 19_456,
    timeCost: 2,
    parallelism: 1,
  });

  const studentIds = Array.from({ length: c.students }, (_, i) => idFor('student', i));
  const mentorIds = Array.from({ length: c.mentors }, (_, i) => idFor('mentor', i));
  const threadIds = Array.from({ length: c.threads }, (_, t) => idFor('thread', t));

  // People: students, mentors and a few admins.
  const userCols = [
    'id',
    'email',
    'display_name',
    'role',
    'active',
    'time_zone',
    'bio',
    'mentor_capacity',
    'quota_override',
    'password_hash',
    'token_version',
    'created_at',
    'updated_at',
  ];
  const users = [];
  const created = now - 800 * DAY;
  for (let i = 0; i < c.mentors; i++)
    users.push([
      mentorIds[i],
      mentorEmail(i),
      `Mentor ${i}`,
      'mentor',
      1,
      ZONES[i % ZONES.length],
      words(rand, 12),
      60,
      null,
      passwordHash,
      0,
      ts(created + i * 1000),
      ts(created + i * 1000),
    ]);
  for (let i = 0; i < c.students; i++)
    users.push([
      studentIds[i],
      studentEmail(i),
      `Student ${i}`,
      'student',
      1,
      ZONES[i % ZONES.length],
      null,
      null,
      null,
      passwordHash,
      0,
      ts(created + i * 1000),
      ts(created + i * 1000),
    ]);
  for (let i = 0; i < 3; i++)
    users.push([
      idFor('admin', i),
      `admin${i}@bench.example`,
      `Admin ${i}`,
      'admin',
      1,
      'UTC',
      null,
      null,
      null,
      passwordHash,
      0,
      ts(created),
      ts(created),
    ]);
  await insertAll(db, 'users', userCols, users);
  log(`  users: ${users.length}`);

  // Assignments: an even-ish load (student i to mentor i mod M), a fifth also get a second mentor.
  const mentorsOf = [];
  const assignments = [];
  for (let i = 0; i < c.students; i++) {
    const first = i % c.mentors;
    const list = [first];
    if (rand() < 0.2 && c.mentors > 1) list.push((first + 1 + Math.floor(rand() * (c.mentors - 1))) % c.mentors);
    mentorsOf.push(list);
    for (const m of list)
      assignments.push([idFor('assignment', `${i}:${m}`), studentIds[i], mentorIds[m], null, ts(created + i * 1000)]);
  }
  await insertAll(db, 'assignments', ['id', 'student_id', 'mentor_id', 'created_by', 'created_at'], assignments);
  log(`  assignments: ${assignments.length}`);

  // Sessions over two years (21 months back, 3 ahead), on the hour in office hours.
  const first = now - 640 * DAY;
  const span = 730 * DAY;
  const sessionCols = [
    'id',
    'mentor_id',
    'student_id',
    'request_id',
    'starts_at',
    'ends_at',
    'location',
    'meeting_url',
    'agenda',
    'mentor_notes',
    'status',
    'quota_month',
    'cancelled_by',
    'cancel_reason',
    'cancelled_at',
    'sequence',
    'created_at',
    'updated_at',
  ];
  await insertGenerated(conns, 'sessions', sessionCols, c.sessions, (i) => {
    const student = Math.floor(rand() * c.students);
    const mentor = mentorsOf[student][Math.floor(rand() * mentorsOf[student].length)];
    const day = Math.floor(((i + rand()) / c.sessions) * (span / DAY));
    const startsAt = Math.floor((first + day * DAY) / DAY) * DAY + (8 + Math.floor(rand() * 9)) * 3_600_000;
    const minutes = rand() < 0.7 ? 60 : 30;
    const past = startsAt < now;
    const r = rand();
    const status = !past
      ? r < 0.1
        ? 'cancelled'
        : 'scheduled'
      : r < 0.85
        ? 'completed'
        : r < 0.93
          ? 'cancelled'
          : 'no_show';
    const month = new Date(startsAt).toISOString().slice(0, 7);
    return [
      timeIdFor('session', i, startsAt - 7 * DAY),
      mentorIds[mentor],
      studentIds[student],
      null,
      ts(startsAt),
      ts(startsAt + minutes * 60_000),
      rand() < 0.5 ? `Room ${Math.floor(rand() * 300)}` : null,
      null,
      words(rand, 6),
      null,
      status,
      status === 'cancelled' ? null : month,
      status === 'cancelled' ? 'mentor' : null,
      status === 'cancelled' ? 'Clash with a lecture' : null,
      status === 'cancelled' ? ts(startsAt - DAY) : null,
      0,
      ts(startsAt - 7 * DAY),
      ts(startsAt - 7 * DAY),
    ];
  });
  log(`  sessions: ${c.sessions}`);

  // Requests: all answered or ended (none pending, so any student may ask during the run).
  const requestCols = [
    'id',
    'student_id',
    'mentor_id',
    'topic',
    'message',
    'preferred_times',
    'status',
    'pending_student_id',
    'decline_reason',
    'session_id',
    'expires_at',
    'answered_at',
    'created_at',
    'updated_at',
  ];
  const statuses = ['accepted', 'accepted', 'declined', 'withdrawn', 'expired'];
  await insertGenerated(conns, 'mentoring_requests', requestCols, c.requests, (i) => {
    const student = Math.floor(rand() * c.students);
    const mentor = mentorsOf[student][0];
    const at = first + Math.floor(rand() * (now - first - DAY));
    const status = statuses[Math.floor(rand() * statuses.length)];
    return [
      timeIdFor('request', i, at),
      studentIds[student],
      mentorIds[mentor],
      words(rand, 4),
      words(rand, 30),
      null,
      status,
      null,
      null,
      null,
      ts(at + 7 * DAY),
      status === 'expired' || status === 'withdrawn' ? null : ts(at + DAY),
      ts(at),
      ts(at + DAY),
    ];
  });
  log(`  requests: ${c.requests}`);

  // Threads: thread 0 is the hot one; the other posts are spread over the rest.
  const authorOf = (r) =>
    r < 0.8
      ? { id: studentIds[Math.floor(rand() * c.students)], student: true }
      : { id: mentorIds[Math.floor(rand() * c.mentors)], student: false };
  const otherPosts = c.posts - c.hotThreadPosts;
  const perThread = Math.max(1, Math.floor(otherPosts / Math.max(1, c.threads - 1)));
  const threadRows = [];
  const tagRows = [];
  const threadMeta = [];
  for (let t = 0; t < c.threads; t++) {
    const author = authorOf(rand());
    const mode = author.student && rand() < 0.4 ? 'anonymous' : 'normal';
    const createdAt = first + Math.floor((t / c.threads) * (now - first - DAY));
    const replies = t === 0 ? c.hotThreadPosts - 1 : perThread - 1;
    const lastActivity = t === 0 ? now - 60_000 : createdAt + Math.floor(rand() * 30 * DAY);
    const tags = [TAGS[t % TAGS.length], TAGS[(t * 7 + 3) % TAGS.length]].filter((v, k, a) => a.indexOf(v) === k);
    threadRows.push([
      threadIds[t],
      author.id,
      rand() < 0.1 ? 'mentors' : 'community',
      `${words(rand, 6)} (${t})`,
      tags.join(','),
      0,
      null,
      replies,
      ts(Math.min(lastActivity, now - 60_000)),
      ts(createdAt),
    ]);
    for (const tag of tags) tagRows.push([threadIds[t], tag, ts(Math.min(lastActivity, now - 60_000))]);
    threadMeta.push({ createdAt, replies, author, mode });
  }
  await insertAll(
    db,
    'discussion_threads',
    [
      'id',
      'author_id',
      'audience',
      'title',
      'tags',
      'locked',
      'accepted_post_id',
      'reply_count',
      'last_activity_at',
      'created_at',
    ],
    threadRows,
  );
  await insertAll(db, 'discussion_thread_tags', ['thread_id', 'tag', 'last_activity_at'], tagRows);
  log(`  threads: ${c.threads}`);

  // Posts: opening posts, then replies in thread order; post k of thread t is created k minutes after it.
  const postCols = [
    'id',
    'thread_id',
    'author_id',
    'is_opening',
    'mode',
    'body',
    'hidden',
    'deleted_at',
    'edited_at',
    'created_at',
  ];
  const offsets = [];
  let total = 0;
  for (const meta of threadMeta) {
    offsets.push(total);
    total += meta.replies + 1;
  }
  let cursor = 0;
  await insertGenerated(conns, 'discussion_posts', postCols, total, (i) => {
    while (cursor + 1 < offsets.length && offsets[cursor + 1] <= i) cursor++;
    while (cursor > 0 && offsets[cursor] > i) cursor--;
    const t = cursor;
    const k = i - offsets[t];
    const meta = threadMeta[t];
    const opening = k === 0;
    const author = opening ? meta.author : authorOf(rand());
    const mode = opening ? meta.mode : author.student && rand() < 0.3 ? 'anonymous' : 'normal';
    const createdAt = t === 0 ? now - (meta.replies - k + 2) * 60_000 : meta.createdAt + k * 60_000;
    return [
      timeIdFor('post', i, createdAt),
      threadIds[t],
      author.id,
      opening ? 1 : 0,
      mode,
      words(rand, 12 + Math.floor(rand() * 30)),
      0,
      null,
      null,
      ts(createdAt),
    ];
  });
  log(`  posts: ${total}`);
}

/** Lets the bench script run the generator on its own: `node tools/bench/generate.mjs <scale>`. */
if (process.argv[1] === join(ROOT, 'tools/bench/generate.mjs')) {
  const scale = Number(process.argv[2] ?? 0.02);
  const serverUrl = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';
  const restore = await ensureBufferPool(serverUrl, Number(process.env.BENCH_BUFFER_POOL_MB ?? 4096));
  try {
    await ensureDataset({
      serverUrl,
      name: `peerpals_bench_gen`,
      scale,
      seed: 42,
      appUser: 'peerpals_bench',
      appPassword: process.env.BENCH_DB_PASSWORD ?? 'bench-only-password-7Qm2',
      force: true,
    });
  } finally {
    await restore();
  }
}
