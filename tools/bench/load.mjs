// @ts-check
// The load generator, run as its own process (pinned to its own core by the bench script):
// `node tools/bench/load.mjs '<json>'` prints one JSON line with the autocannon figures.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import autocannon from 'autocannon';

const spec = JSON.parse(process.argv[2]);
const fx = JSON.parse(readFileSync(spec.fixtures, 'utf8'));
const pick = (list, n) => list[n % list.length];
const bearer = (token) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
const DAY = 86_400_000;
let counter = Math.floor(Math.random() * 1e6);

/** Each scenario: the requests one connection cycles through (autocannon's `requests`). */
const scenarios = {
  login: () => [
    {
      method: 'POST',
      path: '/api/v1/auth/login',
      setupRequest: (req) => ({
        ...req,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: pick(fx.loginEmails, counter++), password: fx.password }),
      }),
    },
  ],
  dashboard: () => {
    // One dashboard load: the five calls the student dashboard makes, for one student per cycle.
    const now = Date.now();
    const from = new Date(now - 30 * DAY).toISOString();
    const mid = new Date(now).toISOString();
    const to = new Date(now + 30 * DAY).toISOString();
    const as = (path) => (req, context) => ({ ...req, path, headers: bearer(context.student.token) });
    return [
      {
        method: 'GET',
        setupRequest: (req, context) => (
          (context.student = pick(fx.students, counter++)),
          { ...req, path: '/api/v1/me/mentors', headers: bearer(context.student.token) }
        ),
      },
      { method: 'GET', setupRequest: as('/api/v1/me/quota') },
      { method: 'GET', setupRequest: as('/api/v1/mentoring-requests?limit=5') },
      { method: 'GET', setupRequest: as(`/api/v1/sessions?from=${from}&to=${mid}&limit=100`) },
      { method: 'GET', setupRequest: as(`/api/v1/sessions?from=${mid}&to=${to}&limit=100`) },
    ];
  },
  calendar: () => {
    // A mentor's calendar week, somewhere in the last year.
    return [
      {
        method: 'GET',
        setupRequest: (req) => {
          const mentor = pick(fx.mentors, counter++);
          const start = fx.weekStarts[counter % fx.weekStarts.length];
          return {
            ...req,
            path: `/api/v1/sessions?from=${new Date(start).toISOString()}&to=${new Date(start + 7 * DAY).toISOString()}&limit=100`,
            headers: bearer(mentor.token),
          };
        },
      },
    ];
  },
  threadList1: () => [
    {
      method: 'GET',
      setupRequest: (req) => ({
        ...req,
        path: '/api/v1/discussions?limit=20',
        headers: bearer(pick(fx.mentors, counter++).token),
      }),
    },
  ],
  threadList100: () => [
    {
      method: 'GET',
      setupRequest: (req) => ({
        ...req,
        path: `/api/v1/discussions?limit=20&cursor=${fx.threadCursor100}`,
        headers: bearer(pick(fx.mentors, counter++).token),
      }),
    },
  ],
  threadPage: () => [
    {
      method: 'GET',
      setupRequest: (req) => ({
        ...req,
        path: `/api/v1/discussions/${pick(fx.threads, counter++)}/posts?limit=20`,
        headers: bearer(pick(fx.students, counter).token),
      }),
    },
  ],
  hotPage1: () => [
    {
      method: 'GET',
      setupRequest: (req) => ({
        ...req,
        path: `/api/v1/discussions/${fx.hotThread}/posts?limit=20`,
        headers: bearer(pick(fx.students, counter++).token),
      }),
    },
  ],
  hotPage100: () => [
    {
      method: 'GET',
      setupRequest: (req) => ({
        ...req,
        path: `/api/v1/discussions/${fx.hotThread}/posts?limit=20&cursor=${fx.hotCursor100}`,
        headers: bearer(pick(fx.students, counter++).token),
      }),
    },
  ],
  hotPage10000: () => [
    {
      method: 'GET',
      setupRequest: (req) => ({
        ...req,
        path: `/api/v1/discussions/${fx.hotThread}/posts?limit=20&cursor=${fx.hotCursor10000}`,
        headers: bearer(pick(fx.students, counter++).token),
      }),
    },
  ],
  createRequest: () => [
    {
      method: 'POST',
      path: '/api/v1/mentoring-requests',
      setupRequest: (req) => {
        // Distinct students: each request from the next student of this round's slice.
        const s = fx.askers[counter++ % fx.askers.length];
        return {
          ...req,
          headers: bearer(s.token),
          body: JSON.stringify({
            mentorId: s.mentorId,
            topic: 'Revision plan',
            message: 'Could we go through my plan for the exams?',
          }),
        };
      },
    },
  ],
  mixed: () => {
    const now = Date.now();
    const from = new Date(now - 30 * DAY).toISOString();
    const to = new Date(now + 30 * DAY).toISOString();
    return [
      {
        method: 'GET',
        setupRequest: (req) => {
          const n = counter++;
          const student = pick(fx.students, n);
          const r = n % 10;
          if (r < 3)
            return { ...req, path: `/api/v1/sessions?from=${from}&to=${to}&limit=100`, headers: bearer(student.token) };
          if (r < 4) return { ...req, path: '/api/v1/me/quota', headers: bearer(student.token) };
          if (r < 5) return { ...req, path: '/api/v1/mentoring-requests?limit=5', headers: bearer(student.token) };
          if (r < 7) return { ...req, path: '/api/v1/discussions?limit=20', headers: bearer(student.token) };
          if (r < 9)
            return {
              ...req,
              path: `/api/v1/discussions/${pick(fx.threads, n)}/posts?limit=20`,
              headers: bearer(student.token),
            };
          const mentor = pick(fx.mentors, n);
          return { ...req, path: `/api/v1/sessions?from=${from}&to=${to}&limit=100`, headers: bearer(mentor.token) };
        },
      },
    ];
  },
};

if (spec.mode === 'sse') await sseFanOut();
else runAutocannon();

function runAutocannon() {
  const statuses = {};
  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.duration,
    requests: scenarios[spec.scenario](),
    ...(spec.rate ? { overallRate: spec.rate } : {}),
    timeout: 10,
  });
  instance.on('response', (_client, statusCode) => {
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  instance.on('done', (result) => {
    const total = Object.values(statuses).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `${JSON.stringify({
        requests: total,
        rps: total / ((result.finish - result.start) / 1000),
        p50: result.latency.p50,
        p99: result.latency.p99,
        max: result.latency.max,
        errors: result.errors + result.timeouts,
        non2xx: result.non2xx,
        statuses,
      })}\n`,
    );
  });
}

/**
 * Admin SSE fan-out: `clients` admin streams stay open while new requests are created at `rate`
 * per second (each one an admin event); every delivery's delay is measured from the event's `at`.
 */
async function sseFanOut() {
  const target = new URL(spec.url);
  const delays = [];
  let connected = 0;
  const streams = [];
  /** @param {{ token: string }} admin */
  const open = (admin) =>
    /** @type {Promise<void>} */ (
      new Promise((resolve) => {
        const req = request(
          {
            host: target.hostname,
            port: target.port,
            path: '/api/v1/events',
            headers: { authorization: `Bearer ${admin.token}`, accept: 'text/event-stream' },
            agent: false,
          },
          (res) => {
            if (res.statusCode !== 200) {
              res.resume();
              return resolve();
            }
            connected++;
            res.setEncoding('utf8');
            let tail = '';
            res.on('data', (chunk) => {
              const now = Date.now();
              const text = tail + chunk;
              const end = text.lastIndexOf('\n\n');
              tail = end >= 0 ? text.slice(end + 2) : text;
              for (const match of (end >= 0 ? text.slice(0, end) : '').matchAll(/"at":"([^"]+)"/g))
                delays.push(now - Date.parse(match[1]));
            });
            resolve();
          },
        );
        req.on('error', () => resolve());
        req.end();
        streams.push(req);
      })
    );
  for (let i = 0; i < spec.clients; i += 50)
    await Promise.all(Array.from({ length: Math.min(50, spec.clients - i) }, (_, k) => open(pick(fx.admins, i + k))));
  process.stderr.write(`sse: ${connected} streams open\n`);
  process.stdout.write(`${JSON.stringify({ phase: 'connected', connected })}\n`);
  // The bench script takes its CPU reading now; give it a moment.
  await new Promise((r) => setTimeout(r, 500));
  const started = Date.now();
  let sent = 0;
  let created = 0;
  const triggers = [];
  while (Date.now() - started < spec.duration * 1000) {
    const due = Math.floor(((Date.now() - started) / 1000) * spec.rate);
    while (sent < due) {
      const s = fx.askers[sent++ % fx.askers.length];
      triggers.push(
        fetch(`${spec.url}/api/v1/mentoring-requests`, {
          method: 'POST',
          headers: bearer(s.token),
          body: JSON.stringify({ mentorId: s.mentorId, topic: 'Live board check', message: 'Please look at my plan.' }),
        })
          .then((r) => (r.status === 201 ? created++ : undefined))
          .catch(() => undefined),
      );
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await Promise.all(triggers);
  await new Promise((r) => setTimeout(r, 1000));
  for (const req of streams) req.destroy();
  delays.sort((a, b) => a - b);
  const q = (p) => (delays.length ? delays[Math.min(delays.length - 1, Math.floor(p * delays.length))] : null);
  process.stdout.write(
    `${JSON.stringify({ phase: 'done', connected, events: created, delivered: delays.length, expected: created * connected, p50: q(0.5), p99: q(0.99), max: delays.at(-1) ?? null })}\n`,
  );
  process.exit(0);
}
