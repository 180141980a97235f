import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '../../src/common/auth/role';
import { insertSession } from '../factories/sessions.factory';
import { insertRequest } from '../factories/requests.factory';
import { assign, createUser, login, Session, TestUser } from '../factories/users.factory';
import { SqlCounter } from '../utils/sql-counter';
import { createTestApp, TestApp } from '../utils/test-app';
import budgets from './sql-budgets.json';

type Endpoint = Exclude<keyof typeof budgets, '_comment'>;
type Budget = number | { sqlite: number; mysql: number };

/**
 * The statement budget of the hot endpoints: a change that adds a query per row (N+1), or a
 * lookup that could have been a join, fails here before it shows up in `npm run bench`.
 */
describe('SQL statement budget of the hot endpoints', () => {
  let t: TestApp;
  let counter: SqlCounter;
  let student: TestUser;
  let mentor: TestUser;
  let s: Session;
  let m: Session;
  let threadId: string;
  const measured = new Map<string, number>();
  const DAY = 86_400_000;

  beforeAll(async () => {
    t = await createTestApp();
    counter = SqlCounter.attach(t.app.get(DataSource));
    student = await createUser(t, Role.Student);
    mentor = await createUser(t, Role.Mentor);
    const secondMentor = await createUser(t, Role.Mentor);
    await assign(t, student, mentor);
    await assign(t, student, secondMentor);
    const others: TestUser[] = [];
    for (let i = 0; i < 4; i++) {
      const other = await createUser(t, Role.Student);
      await assign(t, other, mentor);
      others.push(other);
    }
    for (let i = 0; i < 8; i++) {
      await insertSession(
        t,
        mentor,
        i % 2 === 0 ? student : others[i % others.length],
        new Date(Date.now() + (i - 4) * DAY + 3_600_000),
      );
      await insertRequest(
        t,
        student,
        i % 2 === 0 ? mentor : secondMentor,
        'declined',
        new Date(Date.now() - (i + 1) * DAY),
      );
    }
    s = await login(t, student);
    m = await login(t, mentor);

    // Threads by several named authors and anonymous ones, so a per-row author lookup would show.
    const authors = [s, m, await login(t, others[0]), await login(t, secondMentor)];
    for (let i = 0; i < 24; i++) {
      const author = authors[i % authors.length];
      const mode = author === s && i % 8 === 0 ? 'anonymous' : 'normal';
      const res = await request(t.server)
        .post('/api/v1/discussions')
        .set(author.auth)
        .send({
          title: `Thread ${i}`,
          body: `Opening post ${i}`,
          audience: i % 5 === 0 ? 'mentors' : 'community',
          mode,
          tags: ['study'],
        })
        .expect(201);
      threadId = res.body.id;
    }
    for (let i = 0; i < 25; i++) {
      const author = authors[i % authors.length];
      await request(t.server)
        .post(`/api/v1/discussions/${threadId}/posts`)
        .set(author.auth)
        .send({ body: `Reply ${i}`, mode: author === s && i % 3 === 0 ? 'anonymous' : 'normal' })
        .expect(201);
    }
  });

  afterAll(async () => {
    const rows = [...measured].map(
      ([endpoint, count]) => `${endpoint.padEnd(42)} ${String(count).padStart(3)} / ${budgetOf(endpoint as Endpoint)}`,
    );
    // The figures are worth seeing on green runs too.
    process.stdout.write(`\nSQL statements per request (${t.database.kind}):\n${rows.join('\n')}\n`);
    await t.close();
  });

  /** Reads are measured warm (a second identical call), as they run under load; writes once. */
  async function within(
    endpoint: Endpoint,
    send: () => Promise<request.Response>,
    status: number,
  ): Promise<request.Response> {
    if (!endpoint.startsWith('POST')) await send();
    const { result, trace } = await counter.trace(send);
    if (result.status !== status)
      throw new Error(`${endpoint} answered ${result.status}: ${JSON.stringify(result.body)}`);
    measured.set(endpoint, trace.statements.length);
    const budget = budgetOf(endpoint);
    if (trace.statements.length > budget) {
      throw new Error(
        `${endpoint} sent ${trace.statements.length} SQL statements (budget ${budget}):\n  ${trace.statements.join('\n  ')}`,
      );
    }
    return result;
  }

  const api = () => request(t.server);
  /** MySQL transactions take one statement more than SQLite's (the isolation level is set first). */
  const budgetOf = (endpoint: Endpoint): number => {
    const budget: Budget = budgets[endpoint];
    return typeof budget === 'number' ? budget : budget[t.database.kind];
  };

  it('should sign in within budget', async () => {
    await within(
      'POST /auth/login',
      () => api().post('/api/v1/auth/login').send({ email: student.email, password: student.password }),
      200,
    );
  });

  it('should load the student dashboard within budget', async () => {
    await within('GET /me/mentors', () => api().get('/api/v1/me/mentors').set(s.auth), 200);
    await within('GET /me/quota', () => api().get('/api/v1/me/quota').set(s.auth), 200);
    const requests = await within(
      'GET /mentoring-requests (student)',
      () => api().get('/api/v1/mentoring-requests?limit=5').set(s.auth),
      200,
    );
    expect(requests.body.items).toHaveLength(5);
    const from = new Date(Date.now() - 30 * DAY).toISOString();
    const to = new Date(Date.now() + 30 * DAY).toISOString();
    const sessions = await within(
      'GET /sessions (student dashboard)',
      () => api().get('/api/v1/sessions').query({ from, to, limit: 100 }).set(s.auth),
      200,
    );
    expect(sessions.body.items).toHaveLength(4);
  });

  it('should load a mentor calendar range within budget', async () => {
    const from = new Date(Date.now() - 7 * DAY).toISOString();
    const to = new Date(Date.now() + 7 * DAY).toISOString();
    const res = await within(
      'GET /sessions (mentor calendar)',
      () => api().get('/api/v1/sessions').query({ from, to, limit: 100 }).set(m.auth),
      200,
    );
    expect(res.body.items).toHaveLength(8);
  });

  it('should list threads page by page within budget', async () => {
    const first = await within(
      'GET /discussions (first page)',
      () => api().get('/api/v1/discussions?limit=10').set(m.auth),
      200,
    );
    expect(first.body.items).toHaveLength(10);
    const next = await within(
      'GET /discussions (next page)',
      () => api().get('/api/v1/discussions').query({ limit: 10, cursor: first.body.nextCursor }).set(s.auth),
      200,
    );
    expect(next.body.items.length).toBeGreaterThan(0);
  });

  it('should show a thread and its replies page by page within budget', async () => {
    await within('GET /discussions/:id', () => api().get(`/api/v1/discussions/${threadId}`).set(s.auth), 200);
    const first = await within(
      'GET /discussions/:id/posts (first page)',
      () => api().get(`/api/v1/discussions/${threadId}/posts?limit=10`).set(s.auth),
      200,
    );
    expect(first.body.items).toHaveLength(10);
    const next = await within(
      'GET /discussions/:id/posts (next page)',
      () =>
        api()
          .get(`/api/v1/discussions/${threadId}/posts`)
          .query({ limit: 10, cursor: first.body.nextCursor })
          .set(m.auth),
      200,
    );
    expect(next.body.items).toHaveLength(10);
  });

  it('should create a mentoring request within budget', async () => {
    await within(
      'POST /mentoring-requests',
      () =>
        api()
          .post('/api/v1/mentoring-requests')
          .set(s.auth)
          .send({ mentorId: mentor.id, topic: 'Exam plan', message: 'Could we go through my revision plan?' }),
      201,
    );
  });

  it('should have measured every endpoint that has a budget', () => {
    const budgeted = Object.keys(budgets).filter((k) => k !== '_comment');
    expect(budgeted.filter((k) => !measured.has(k))).toEqual([]);
  });
});
