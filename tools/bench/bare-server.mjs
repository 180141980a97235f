// @ts-check
// The bare baseline: node:http + mysql2 with prepared statements, answering the benchmarked routes
// with the same SQL the API sends (the same statements, columns, joins and transactions), the same
// token check, and JSON of a similar shape. No framework, validation, logging or DTO classes: the
// ratio API/bare is what the framework and the application code cost on top of the database work.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { verify } from '@node-rs/argon2';
import mysql from 'mysql2/promise';

const { BARE_PORT = '4901', DATABASE_URL, JWT_SECRET } = process.env;
/**
 * What this server uses of a mysql2 pool; rows come back untyped, as the SQL names them.
 * @typedef {{ execute(sql: string, values?: unknown[]): Promise<[any, unknown]>, query(sql: string, values?: unknown[]): Promise<[any, unknown]> }} Queryable
 */
/** @type {Queryable & { getConnection(): Promise<Queryable & { release(): void }>, end(): Promise<void> }} */
const pool = /** @type {any} */ (
  mysql.createPool({
    uri: DATABASE_URL,
    connectionLimit: 10,
    timezone: 'Z',
    dateStrings: false,
    enableKeepAlive: true,
  })
);
const secret = Buffer.from(JWT_SECRET ?? '', 'utf8');
const iso = (d) => (d ? new Date(d).toISOString() : null);
const ts = (d) => d.toISOString().replace('T', ' ').replace('Z', '');

// Settings are cached in the API too (5 s); here they are read once.
let settings;
async function getSettings() {
  if (!settings) {
    const [rows] = await pool.execute('SELECT `key`, value FROM settings');
    settings = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]));
  }
  return settings;
}

function b64url(buf) {
  return Buffer.from(buf).toString('base64url');
}

function signToken(user) {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'at+jwt' }));
  const payload = b64url(
    JSON.stringify({
      sub: user.id,
      role: user.role,
      tv: user.token_version,
      typ: 'access',
      iat: now,
      exp: now + 900,
      aud: 'peerpals-api',
      iss: 'peerpals',
    }),
  );
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

const AUTH_SQL =
  'SELECT id, email, display_name, role, active, token_version, time_zone FROM users WHERE id = ? LIMIT 1';

/** The same checks as the API's JWT strategy: signature, claims, then the account row. */
async function authenticate(req) {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) return null;
  const [h, p, s] = header.slice(7).split('.');
  if (!s) return null;
  const expected = createHmac('sha256', secret).update(`${h}.${p}`).digest();
  const given = Buffer.from(s, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  const now = Date.now() / 1000;
  if (
    claims.typ !== 'access' ||
    claims.iss !== 'peerpals' ||
    claims.aud !== 'peerpals-api' ||
    claims.exp < now ||
    claims.exp - claims.iat > 900
  )
    return null;
  const [rows] = await pool.execute(AUTH_SQL, [claims.sub]);
  const user = rows[0];
  if (!user || !user.active || user.token_version !== claims.tv || user.role !== claims.role) return null;
  return { id: user.id, email: user.email, displayName: user.display_name, role: user.role, timeZone: user.time_zone };
}

const person = (row, p) => ({
  id: row[`${p}_id`],
  displayName: row[`${p}_display_name`],
  email: row[`${p}_email`],
  role: row[`${p}_role`],
  timeZone: row[`${p}_time_zone`],
  bio: row[`${p}_bio`],
});
const PEOPLE = ['id', 'display_name', 'email', 'role', 'time_zone', 'bio'];
const peopleCols = (a) => PEOPLE.map((c) => `${a}.${c} AS ${a}_${c}`).join(', ');
const REQUEST_COLS =
  'r.id, r.student_id, r.mentor_id, r.topic, r.message, r.preferred_times, r.status, r.pending_student_id, r.decline_reason, r.session_id, r.expires_at, r.answered_at, r.created_at, r.updated_at';
const SESSION_COLS =
  's.id, s.mentor_id, s.student_id, s.request_id, s.starts_at, s.ends_at, s.location, s.meeting_url, s.agenda, s.mentor_notes, s.status, s.quota_month, s.cancelled_by, s.cancel_reason, s.cancelled_at, s.sequence, s.created_at, s.updated_at, s.reminder_sent_at';
const THREAD_COLS =
  't.id AS t_id, t.author_id AS t_author_id, t.audience AS t_audience, t.title AS t_title, t.tags AS t_tags, t.locked AS t_locked, t.accepted_post_id AS t_accepted_post_id, t.reply_count AS t_reply_count, t.last_activity_at AS t_last_activity_at, t.created_at AS t_created_at';
const POST = [
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
const postCols = (a, p) => POST.map((c) => `${a}.${c} AS ${p}${c}`).join(', ');
const THREAD_FROM = `FROM discussion_threads t
  INNER JOIN discussion_posts o ON o.thread_id = t.id AND o.is_opening = 1
  LEFT JOIN users ou ON ou.id = o.author_id AND o.mode = 'normal'`;
const THREAD_SELECT = `${THREAD_COLS}, ${postCols('o', 'o_')}, ou.display_name AS ou_display_name, ou.role AS ou_role`;

const SQL = {
  mentors: `SELECT a.id AS a_id, a.created_at AS a_created_at, ${PEOPLE.map((c) => `s.${c} AS s_${c}`).join(', ')}, s.active AS s_active, ${PEOPLE.map((c) => `m.${c} AS m_${c}`).join(', ')}, m.active AS m_active
    FROM assignments a INNER JOIN users s ON s.id = a.student_id INNER JOIN users m ON m.id = a.mentor_id WHERE a.student_id = ? ORDER BY a.created_at DESC, a.id DESC`,
  quota:
    'SELECT u.quota_override, q.used FROM users u LEFT JOIN quota_usage q ON q.student_id = u.id AND q.month = ? WHERE u.id = ?',
  requestsOfStudent: `SELECT ${REQUEST_COLS}, ${peopleCols('m')}, ${peopleCols('st')} FROM mentoring_requests r INNER JOIN users m ON m.id = r.mentor_id INNER JOIN users st ON st.id = r.student_id
    WHERE r.student_id = ? ORDER BY r.created_at DESC, r.id DESC LIMIT ?`,
  requestById: `SELECT ${REQUEST_COLS}, ${peopleCols('m')}, ${peopleCols('st')} FROM mentoring_requests r INNER JOIN users m ON m.id = r.mentor_id INNER JOIN users st ON st.id = r.student_id WHERE r.id = ?`,
  sessions: `SELECT ${SESSION_COLS}, ${peopleCols('m')}, ${peopleCols('st')} FROM sessions s INNER JOIN users m ON m.id = s.mentor_id INNER JOIN users st ON st.id = s.student_id
    WHERE (s.mentor_id = ? OR s.student_id = ?) AND s.ends_at > ? AND s.starts_at > ? AND s.starts_at < ? ORDER BY s.starts_at ASC, s.id ASC LIMIT ?`,
  threadsStaff: `SELECT ${THREAD_SELECT} ${THREAD_FROM} WHERE (t.audience IN (?, ?)) ORDER BY t.last_activity_at DESC, t.id DESC LIMIT ?`,
  threadsStaffAfter: `SELECT ${THREAD_SELECT} ${THREAD_FROM} WHERE (t.audience IN (?, ?)) AND (t.last_activity_at < ? OR (t.last_activity_at = ? AND t.id < ?)) ORDER BY t.last_activity_at DESC, t.id DESC LIMIT ?`,
  threadsStudent: `SELECT ${THREAD_SELECT} ${THREAD_FROM} WHERE (t.audience IN (?) OR (t.audience = ? AND t.author_id = ?)) ORDER BY t.last_activity_at DESC, t.id DESC LIMIT ?`,
  threadsStudentAfter: `SELECT ${THREAD_SELECT} ${THREAD_FROM} WHERE (t.audience IN (?) OR (t.audience = ? AND t.author_id = ?)) AND (t.last_activity_at < ? OR (t.last_activity_at = ? AND t.id < ?)) ORDER BY t.last_activity_at DESC, t.id DESC LIMIT ?`,
};
const page = (
  keyset,
) => `SELECT ${THREAD_SELECT}, ${postCols('r', 'r_')}, ru.display_name AS ru_display_name, ru.role AS ru_role
  ${THREAD_FROM}
  LEFT JOIN (SELECT p.id AS page_id FROM discussion_posts p WHERE p.thread_id = ? AND p.is_opening = 0${keyset} ORDER BY p.created_at ASC, p.id ASC LIMIT ?) page ON 1 = 1
  LEFT JOIN discussion_posts r ON r.id = page.page_id
  LEFT JOIN users ru ON ru.id = r.author_id AND r.mode = 'normal'
  WHERE t.id = ?`;
SQL.page = page('');
SQL.pageAfter = page(' AND (p.created_at > ? OR (p.created_at = ? AND p.id > ?))');

const cursorOf = (values) => Buffer.from(JSON.stringify(values)).toString('base64url');
function decodeCursor(raw) {
  if (!raw) return null;
  const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  return { at: new Date(at), id };
}
function pageOf(rows, limit, key, map) {
  const more = rows.length > limit;
  const items = (more ? rows.slice(0, limit) : rows).map(map);
  return { items, nextCursor: more ? cursorOf(key(rows[limit - 1])) : null };
}

const postDto = (row, p, thread, viewer, author) => ({
  id: row[`${p}id`],
  threadId: thread.t_id,
  body: row[`${p}deleted_at`] ? null : row[`${p}body`],
  mode: row[`${p}mode`],
  author:
    row[`${p}mode`] === 'anonymous'
      ? {
          kind: 'anonymous',
          displayName: 'Anonymous Heron',
          avatarColour: '#345',
          isOriginalPoster: row[`${p}author_id`] === thread.t_author_id,
        }
      : {
          kind: 'user',
          displayName: author?.name ?? 'Former member',
          userId: row[`${p}author_id`],
          role: author?.role ?? 'student',
          isOriginalPoster: row[`${p}author_id`] === thread.t_author_id,
        },
  mine: row[`${p}author_id`] === viewer.id,
  deleted: Boolean(row[`${p}deleted_at`]),
  hidden: Boolean(row[`${p}hidden`]),
  isAcceptedAnswer: thread.t_accepted_post_id === row[`${p}id`],
  createdAt: iso(row[`${p}created_at`]),
  editedAt: iso(row[`${p}edited_at`]),
});
const threadDto = (row, viewer) => ({
  id: row.t_id,
  title: row.t_title,
  tags: row.t_tags ? row.t_tags.split(',') : [],
  audience: row.t_audience,
  mode: row.o_mode,
  opening: postDto(
    row,
    'o_',
    row,
    viewer,
    row.ou_display_name ? { name: row.ou_display_name, role: row.ou_role } : null,
  ),
  mine: row.t_author_id === viewer.id,
  locked: Boolean(row.t_locked),
  replyCount: row.t_reply_count,
  acceptedPostId: row.t_accepted_post_id,
  lastActivityAt: iso(row.t_last_activity_at),
  createdAt: iso(row.t_created_at),
});
const requestDto = (r) => ({
  id: r.id,
  status: r.status,
  topic: r.topic,
  message: r.message,
  preferredTimes: r.preferred_times ? JSON.parse(r.preferred_times) : [],
  student: person(r, 'st'),
  mentor: person(r, 'm'),
  declineReason: r.decline_reason,
  sessionId: r.session_id,
  expiresAt: iso(r.expires_at),
  answeredAt: iso(r.answered_at),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

function monthKey(at, timeZone) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(at);
  return `${parts.find((x) => x.type === 'year')?.value}-${parts.find((x) => x.type === 'month')?.value}`;
}

async function quotaStatus(studentId) {
  const s = await getSettings();
  const month = monthKey(new Date(), s.programmeTimeZone);
  const [rows] = await pool.execute(SQL.quota, [month, studentId]);
  const limit = rows[0]?.quota_override ?? s.monthlySessionQuota;
  const used = Number(rows[0]?.used ?? 0);
  return { month, limit, used, remaining: Math.max(0, limit - used) };
}

async function readBody(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body ? JSON.parse(body) : {};
}

/** Open admin streams; each event is formatted once and written to all of them. */
const adminStreams = new Set();
function broadcast(id, type, payload) {
  const text = `id: ${id}\nevent: ${type}\ndata: ${payload}\n\n`;
  for (const res of adminStreams) res.write(text);
}

/**
 * Method, path pattern, whether the route needs a signed-in user, and the handler: it answers
 * `[status, body, headers?]`, or `null` when it wrote the response itself (event streams).
 * @typedef {(req: import('node:http').IncomingMessage, user: any, url: URL, match: RegExpExecArray, res: import('node:http').ServerResponse) => Promise<[number, unknown, Record<string, string>?] | null>} Handler
 * @type {[string, RegExp, boolean, Handler][]}
 */
const routes = [
  [
    'GET',
    /^\/api\/v1\/events$/,
    true,
    async (req, user, url, match, res) => {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write('retry: 3000\n\n');
      if (user.role === 'admin') {
        adminStreams.add(res);
        res.on('close', () => adminStreams.delete(res));
      }
      return null;
    },
  ],
  [
    'POST',
    /^\/api\/v1\/auth\/login$/,
    false,
    async (req) => {
      const { email, password } = await readBody(req);
      const [rows] = await pool.execute(
        'SELECT u.id, u.email, u.display_name, u.role, u.active, u.time_zone, u.bio, u.mentor_capacity, u.quota_override, u.token_version, u.created_at, u.updated_at, u.password_hash FROM users u WHERE u.email = ?',
        [String(email).toLowerCase()],
      );
      const user = rows[0];
      const ok = user ? await verify(user.password_hash, password).catch(() => false) : false;
      if (!ok) return [401, { code: 'INVALID_CREDENTIALS' }];
      const conn = await pool.getConnection();
      try {
        await conn.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
        await conn.query('START TRANSACTION');
        const now = new Date();
        await conn.execute(
          'INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, token_version, expires_at, used_at, revoked_at, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?)',
          [
            randomUUID(),
            user.id,
            randomUUID(),
            randomBytes(32).toString('hex'),
            user.token_version,
            ts(new Date(now.getTime() + 14 * 86_400_000)),
            ts(now),
          ],
        );
        await conn.query('COMMIT');
      } finally {
        conn.release();
      }
      return [
        200,
        {
          accessToken: signToken(user),
          expiresIn: 900,
          user: {
            id: user.id,
            email: user.email,
            displayName: user.display_name,
            role: user.role,
            timeZone: user.time_zone,
            createdAt: iso(user.created_at),
          },
        },
        {
          'set-cookie': `pp_refresh=${randomBytes(32).toString('base64url')}; Path=/api/v1/auth; HttpOnly; SameSite=Strict`,
        },
      ];
    },
  ],
  [
    'GET',
    /^\/api\/v1\/me\/mentors$/,
    true,
    async (req, user) => {
      const [rows] = await pool.execute(SQL.mentors, [user.id]);
      return [200, rows.filter((r) => r.m_active).map((r) => ({ assignmentId: r.a_id, mentor: person(r, 'm') }))];
    },
  ],
  ['GET', /^\/api\/v1\/me\/quota$/, true, async (req, user) => [200, await quotaStatus(user.id)]],
  [
    'GET',
    /^\/api\/v1\/mentoring-requests$/,
    true,
    async (req, user, url) => {
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const [rows] = await pool.execute(SQL.requestsOfStudent, [user.id, String(limit + 1)]);
      return [200, pageOf(rows, limit, (r) => [iso(r.created_at), r.id], requestDto)];
    },
  ],
  [
    'GET',
    /^\/api\/v1\/sessions$/,
    true,
    async (req, user, url) => {
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const from = new Date(/** @type {any} */ (url.searchParams.get('from')));
      const to = new Date(/** @type {any} */ (url.searchParams.get('to')));
      const [rows] = await pool.execute(SQL.sessions, [
        user.id,
        user.id,
        ts(from),
        ts(new Date(from.getTime() - 4 * 3_600_000)),
        ts(to),
        String(limit + 1),
      ]);
      return [
        200,
        pageOf(
          rows,
          limit,
          (s) => [iso(s.starts_at), s.id],
          (s) => ({
            id: s.id,
            mentor: person(s, 'm'),
            student: person(s, 'st'),
            requestId: s.request_id,
            startsAt: iso(s.starts_at),
            endsAt: iso(s.ends_at),
            location: s.location,
            meetingUrl: s.meeting_url,
            agenda: s.agenda,
            mentorNotes: user.id === s.mentor_id ? s.mentor_notes : undefined,
            status: s.status,
            cancelledBy: s.cancelled_by,
            cancelReason: s.cancel_reason,
            cancelledAt: iso(s.cancelled_at),
            createdAt: iso(s.created_at),
            updatedAt: iso(s.updated_at),
          }),
        ),
      ];
    },
  ],
  [
    'GET',
    /^\/api\/v1\/discussions$/,
    true,
    async (req, user, url) => {
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const after = decodeCursor(url.searchParams.get('cursor'));
      const keyset = after ? [ts(after.at), ts(after.at), after.id] : [];
      const [rows] =
        user.role === 'student'
          ? await pool.execute(after ? SQL.threadsStudentAfter : SQL.threadsStudent, [
              'community',
              'mentors',
              user.id,
              ...keyset,
              String(limit + 1),
            ])
          : await pool.execute(after ? SQL.threadsStaffAfter : SQL.threadsStaff, [
              'community',
              'mentors',
              ...keyset,
              String(limit + 1),
            ]);
      return [
        200,
        pageOf(
          rows,
          limit,
          (t) => [iso(t.t_last_activity_at), t.t_id],
          (t) => threadDto(t, user),
        ),
      ];
    },
  ],
  [
    'GET',
    /^\/api\/v1\/discussions\/([0-9a-f-]{36})\/posts$/,
    true,
    async (req, user, url, match) => {
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const after = decodeCursor(url.searchParams.get('cursor'));
      const [rows] = after
        ? await pool.execute(SQL.pageAfter, [
            match[1],
            ts(after.at),
            ts(after.at),
            after.id,
            String(limit + 1),
            match[1],
          ])
        : await pool.execute(SQL.page, [match[1], String(limit + 1), match[1]]);
      if (
        rows.length === 0 ||
        (rows[0].t_audience === 'mentors' && user.role === 'student' && rows[0].t_author_id !== user.id)
      )
        return [404, { code: 'NOT_FOUND' }];
      // As the API: no ORDER BY over the joined rows (no temporary table with text columns); sorted here.
      const replies = rows
        .filter((r) => r.r_id)
        .sort(
          (a, b) =>
            new Date(a.r_created_at).getTime() - new Date(b.r_created_at).getTime() ||
            (a.r_id < b.r_id ? -1 : a.r_id > b.r_id ? 1 : 0),
        );
      return [
        200,
        pageOf(
          replies,
          limit,
          (p) => [iso(p.r_created_at), p.r_id],
          (p) =>
            postDto(p, 'r_', rows[0], user, p.ru_display_name ? { name: p.ru_display_name, role: p.ru_role } : null),
        ),
      ];
    },
  ],
  [
    'POST',
    /^\/api\/v1\/mentoring-requests$/,
    true,
    async (req, user) => {
      const body = await readBody(req);
      const guard = await quotaStatus(user.id);
      if (guard.remaining <= 0) return [429, { code: 'MONTHLY_QUOTA_EXCEEDED' }];
      const [assigned] = await pool.execute(
        'SELECT 1 AS row_exists FROM (SELECT 1 AS dummy_column) dummy_table WHERE EXISTS (SELECT 1 FROM assignments a WHERE a.student_id = ? AND a.mentor_id = ?) LIMIT 1',
        [user.id, body.mentorId],
      );
      if (assigned.length === 0) return [403, { code: 'NOT_ASSIGNED' }];
      await pool.execute(`SELECT ${REQUEST_COLS} FROM mentoring_requests r WHERE r.pending_student_id = ? LIMIT 1`, [
        user.id,
      ]);
      const again = await quotaStatus(user.id);
      if (again.remaining <= 0) return [429, { code: 'MONTHLY_QUOTA_EXCEEDED' }];
      const now = new Date();
      const id = randomUUID();
      const conn = await pool.getConnection();
      let duplicate = false;
      try {
        await conn.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
        await conn.query('START TRANSACTION');
        await conn.execute(
          'INSERT INTO mentoring_requests (id, student_id, mentor_id, topic, message, preferred_times, status, pending_student_id, decline_reason, session_id, expires_at, answered_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, NULL, NULL, ?, NULL, ?, ?)',
          [
            id,
            user.id,
            body.mentorId,
            body.topic,
            body.message,
            'pending',
            user.id,
            ts(new Date(now.getTime() + 7 * 86_400_000)),
            ts(now),
            ts(now),
          ],
        );
        await conn.query('COMMIT');
      } catch (error) {
        await conn.query('ROLLBACK');
        if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ER_DUP_ENTRY') throw error;
        duplicate = true;
      } finally {
        // Released before any other query: holding it while waiting for the pool can exhaust the pool.
        conn.release();
      }
      if (duplicate) {
        const [pending] = await pool.execute(
          `SELECT ${REQUEST_COLS} FROM mentoring_requests r WHERE r.pending_student_id = ? LIMIT 1`,
          [user.id],
        );
        if (pending[0])
          await pool.execute('SELECT id, display_name FROM users WHERE id = ? LIMIT 1', [pending[0].mentor_id]);
        return [409, { code: 'REQUEST_ALREADY_PENDING' }];
      }
      const [rows] = await pool.execute(SQL.requestById, [id]);
      const dto = requestDto(rows[0]);
      // The API's event handlers, after the response: the admin stream, the mentor's notification and its stream entry.
      setImmediate(() => void background().catch((error) => console.error(error)));
      async function background() {
        const payload = JSON.stringify({
          type: 'request.created',
          at: now.toISOString(),
          actorId: user.id,
          subject: { type: 'request', id },
          state: { id, status: 'pending', studentId: user.id, mentorId: body.mentorId, topic: body.topic },
        });
        const [logged] = await pool.execute(
          'INSERT INTO event_log (channel, user_id, type, payload, created_at) VALUES (?, NULL, ?, ?, ?)',
          ['admin', 'request.created', payload, ts(now)],
        );
        broadcast(logged.insertId, 'request.created', payload);
        await pool.execute('SELECT id, display_name, email FROM users WHERE id IN (?, ?)', [user.id, body.mentorId]);
        await pool.execute(
          'INSERT INTO notifications (id, user_id, type, title, body, link, subject_type, subject_id, read_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)',
          [
            randomUUID(),
            body.mentorId,
            'request.received',
            'New mentoring request',
            `${user.displayName} asked: ${body.topic}`,
            `/mentor/requests/${id}`,
            'request',
            id,
            ts(now),
          ],
        );
        await pool.execute(
          'INSERT INTO event_log (channel, user_id, type, payload, created_at) VALUES (?, ?, ?, ?, ?)',
          ['user', body.mentorId, 'notification', payload, ts(now)],
        );
      }
      return [201, dto];
    },
  ],
];

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://bare');
    for (const [method, pattern, needsAuth, handle] of routes) {
      const match = pattern.exec(url.pathname);
      if (!match || req.method !== method) continue;
      const user = needsAuth ? await authenticate(req) : null;
      if (needsAuth && !user) return send(res, 401, { code: 'UNAUTHENTICATED' });
      const answer = await handle(req, user, url, match, res);
      if (answer === null) return undefined;
      const [status, body, headers] = answer;
      return send(res, status, body, headers);
    }
    send(res, 404, { code: 'NOT_FOUND' });
  } catch (error) {
    // A load generator stopping mid-request aborts the body; nothing to answer then.
    const failure = /** @type {NodeJS.ErrnoException} */ (error);
    if (failure.code === 'ECONNRESET' || failure.message === 'aborted') return;
    console.error(error);
    send(res, 500, { code: 'INTERNAL_ERROR' });
  }
});

function send(res, status, body, headers = {}) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(json);
}

server.keepAliveTimeout = 65_000;
server.listen(Number(BARE_PORT), '127.0.0.1', () => console.log(`bare baseline on ${BARE_PORT}`));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
