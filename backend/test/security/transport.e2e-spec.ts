import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '../../src/common/auth/role';
import { createUser, login, Session } from '../factories/users.factory';
import { createTestApp, TestApp } from '../utils/test-app';

const nested = (depth: number, open = '{"a":', close = '}') => open.repeat(depth) + '1' + close.repeat(depth);
const ONE_MB = 1_000_000;
/** Bodies may nest objects and arrays this deep, no deeper. */
const MAX_JSON_DEPTH = 32;

describe('Client address behind a proxy (HTTP)', () => {
  describe('with TRUST_PROXY=1 (one proxy that adds the address it sees)', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ TRUST_PROXY: '1', RATE_LIMIT_AUTH_PER_MINUTE: '30' });
    });

    afterAll(async () => {
      await t.close();
    });

    it('should still refuse a password spray after the per-address limit when each attempt spoofs X-Forwarded-For', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) {
        const res = await request(t.server)
          .post('/api/v1/auth/login')
          .set('x-forwarded-for', `198.51.100.${i + 1}, 203.0.113.7`)
          .send({ email: `spray${i}@test.example`, password: 'wrong-password-123' });
        statuses.push(res.status);
      }
      expect(statuses.filter((s) => s === 401)).toHaveLength(30);
      expect(statuses.filter((s) => s === 429)).toHaveLength(10);
      expect(statuses.slice(30)).toEqual(Array(10).fill(429));
      // Another real address is counted on its own.
      const other = await request(t.server)
        .post('/api/v1/auth/login')
        .set('x-forwarded-for', '198.51.100.1, 203.0.113.8')
        .send({ email: 'spray0@test.example', password: 'wrong-password-123' });
      expect(other.status).toBe(401);
    });
  });

  describe('with TRUST_PROXY listing the proxy address', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ TRUST_PROXY: 'loopback', RATE_LIMIT_API_PER_MINUTE: '5' });
    });

    afterAll(async () => {
      await t.close();
    });

    const remaining = async (forwardedFor: string) => {
      const res = await request(t.server).get('/api/v1/health').set('x-forwarded-for', forwardedFor).expect(200);
      return Number(res.headers['x-ratelimit-remaining']);
    };

    it('should count the address the trusted proxy saw, whatever the client put before it', async () => {
      expect(await remaining('203.0.113.9')).toBe(4);
      expect(await remaining('10.0.0.1, 203.0.113.9')).toBe(3);
      expect(await remaining('10.0.0.2, 192.0.2.1, 203.0.113.9')).toBe(2);
      expect(await remaining('203.0.113.10')).toBe(4);
    });
  });
});

describe('JSON nesting (HTTP)', () => {
  let t: TestApp;
  let student: Session;

  beforeAll(async () => {
    t = await createTestApp();
    student = await login(t, await createUser(t, Role.Student));
  });

  afterAll(async () => {
    await t.close();
  });

  const post = (path: string, body: string) =>
    request(t.server).post(path).set(student.auth).set('content-type', 'application/json').send(body);

  it.each([
    ['2000 objects', nested(2000)],
    [`${MAX_JSON_DEPTH + 1} objects`, nested(MAX_JSON_DEPTH + 1)],
    [`an object around ${MAX_JSON_DEPTH} arrays`, `{"title":${nested(MAX_JSON_DEPTH, '[', ']')}}`],
  ])('should refuse a body nested too deep (%s) with 400 VALIDATION_FAILED before parsing', async (_name, body) => {
    for (const path of ['/api/v1/discussions', '/api/v1/auth/login', '/api/v1/me/password']) {
      const res = await post(path, body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'body', message: `The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep` }],
      });
    }
  });

  it(`should still parse a body nested ${MAX_JSON_DEPTH} deep (and let validation judge it)`, async () => {
    const res = await post('/api/v1/discussions', nested(MAX_JSON_DEPTH)).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toContainEqual({ field: 'a', message: 'a is not an accepted field' });
  });

  it('should not count brackets inside strings', async () => {
    const body = JSON.stringify({
      title: `${'['.repeat(60)} "quoted" ${'{'.repeat(60)}`,
      body: 'text',
      tags: [],
      audience: 'community',
      mode: 'normal',
    });
    const res = await post('/api/v1/discussions', body).expect(201);
    expect(res.body.title).toContain('[[[[');
  });

  it('should refuse a 1 MB nested body quickly, without a 500', async () => {
    for (const body of ['['.repeat(ONE_MB / 2) + ']'.repeat(ONE_MB / 2), nested(Math.floor(ONE_MB / 6))]) {
      const started = Date.now();
      const res = await post('/api/v1/discussions', body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      // The old pipeline took seconds (and overflowed the stack); a generous bound for a busy machine.
      expect(Date.now() - started).toBeLessThan(2000);
    }
    expect((await request(t.server).get('/api/v1/me').set(student.auth).expect(200)).body.role).toBe('student');
  });
});

describe('Rate limits before the body is read (HTTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      RATE_LIMIT_API_PER_MINUTE: '3',
      RATE_LIMIT_AUTH_PER_MINUTE: '2',
      RATE_LIMIT_ACCOUNT_PER_MINUTE: '100',
    });
  });

  afterAll(async () => {
    await t.close();
  });

  // Not JSON at all: a parsed body would be answered 400 MALFORMED_BODY, never 429.
  const unparsable = `{"title":"${'x'.repeat(ONE_MB)}`;

  it('should count each request once and answer 429 to an address over its limit without parsing the body', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await request(t.server).post('/api/v1/discussions').send({ title: 'Hello' })).status);
    expect(statuses).toEqual([401, 401, 401]);
    const res = await request(t.server)
      .post('/api/v1/discussions')
      .set('content-type', 'application/json')
      .send(unparsable);
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('should apply the sign-in limit per address before the body is read too', async () => {
    const attempt = (body: string) =>
      request(t.server).post('/api/v1/auth/login').set('content-type', 'application/json').send(body);
    expect((await attempt(JSON.stringify({ email: 'a@test.example', password: 'wrong-password-123' }))).status).toBe(
      401,
    );
    expect((await attempt(JSON.stringify({ email: 'b@test.example', password: 'wrong-password-123' }))).status).toBe(
      401,
    );
    const res = await attempt(unparsable);
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('RATE_LIMITED');
  });

  it('should count every route on its own', async () => {
    expect((await request(t.server).get('/api/v1/health')).status).toBe(200);
  });
});

describe('Body size limits (HTTP)', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t, await createUser(t, Role.Admin));
  });

  afterAll(async () => {
    await t.close();
  });

  const users = async () => Number((await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM users'))[0].n);
  const importFile = (file: Buffer) =>
    request(t.server).post('/api/v1/admin/users/import').set(admin.auth).attach('file', file, 'users.csv');
  const csvOf = (bytes: number) => {
    let csv = 'email,displayName,role\n';
    for (let i = 0; csv.length < bytes; i++) csv += `upload${i}@test.example,Upload ${i},student\n`;
    return csv;
  };

  it('should refuse a CSV file over 5 MB in a multipart upload with 413, importing nothing', async () => {
    const before = await users();
    const res = await importFile(Buffer.from(csvOf(5 * 1024 * 1024 + 100)));
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      detail: 'The uploaded file is too large.',
    });
    expect(await users()).toBe(before);
  });

  it('should still import a multipart CSV under the limit', async () => {
    const res = await importFile(
      Buffer.from('email,displayName,role\nsmall.upload@test.example,Small Upload,student\n'),
    );
    expect(res.status).toBe(200);
  });

  it('should refuse text/csv and JSON bodies over their limits with 413 problems', async () => {
    const csv = await request(t.server)
      .post('/api/v1/admin/users/import')
      .set(admin.auth)
      .set('content-type', 'text/csv')
      .send(csvOf(5 * 1024 * 1024 + 100));
    expect(csv.status).toBe(413);
    expect(csv.body.code).toBe('PAYLOAD_TOO_LARGE');
    const json = await request(t.server)
      .post('/api/v1/discussions')
      .set(admin.auth)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ title: 'x'.repeat(1_100_000) }));
    expect(json.status).toBe(413);
    expect(json.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(json.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
