import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../utils/test-app';

const PROBLEM = /^application\/problem\+json/;

function expectSecurityHeaders(headers: Record<string, string>): void {
  const csp = headers['content-security-policy'];
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-powered-by']).toBeUndefined();
  expect(headers['x-request-id']).toBeTruthy();
}

describe('Platform (HTTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: 'https://portal.example.edu' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('should answer liveness', async () => {
    const res = await request(t.server).get('/api/v1/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
    expectSecurityHeaders(res.headers);
    expect(res.headers['cache-control']).toContain('no-store');
  });

  it('should report the database in readiness', async () => {
    const res = await request(t.server).get('/api/v1/health/ready').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.checks.database.status).toBe('up');
    expect(res.body.checks.redis).toBeUndefined();
  });

  it('should answer unknown API paths with a problem document', async () => {
    const res = await request(t.server).get('/api/v1/does-not-exist').expect(404);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND', title: 'Not Found' });
    expect(typeof res.body.type).toBe('string');
    expect(typeof res.body.detail).toBe('string');
    expect(JSON.stringify(res.body)).not.toMatch(/\bat .+\.(js|ts):\d+/);
    expectSecurityHeaders(res.headers);
  });

  it('should refuse a protected route without credentials with 401 and the same headers', async () => {
    const res = await request(t.server).get('/api/v1/admin/settings').expect(401);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.code).toBe('UNAUTHENTICATED');
    expectSecurityHeaders(res.headers);
  });

  it('should turn malformed JSON into a 400 problem', async () => {
    const res = await request(t.server)
      .put('/api/v1/admin/settings')
      .set('content-type', 'application/json')
      .send('{"email": ')
      .expect(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.code).toBe('MALFORMED_BODY');
  });

  it('should refuse bodies over the limit with 413', async () => {
    const res = await request(t.server)
      .put('/api/v1/admin/settings')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ email: 'x'.repeat(2 * 1024 * 1024) }))
      .expect(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('should echo only allowed CORS origins', async () => {
    const allowed = await request(t.server).get('/api/v1/health').set('origin', 'https://portal.example.edu');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://portal.example.edu');
    const denied = await request(t.server).get('/api/v1/health').set('origin', 'https://evil.example.com');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('should accept a safe caller request id and replace an unsafe one', async () => {
    const safe = await request(t.server).get('/api/v1/health').set('x-request-id', 'abc-123');
    expect(safe.headers['x-request-id']).toBe('abc-123');
    const unsafe = await request(t.server)
      .get('/api/v1/health')
      .set('x-request-id', `evil value with spaces ${'x'.repeat(80)}`);
    expect(unsafe.headers['x-request-id']).not.toContain('evil');
  });

  it('should serve a valid OpenAPI 3 document with bearer auth declared', async () => {
    const res = await request(t.server).get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(res.body.paths)).toContain('/api/v1/health/ready');
  });

  it('should have applied the migrations, with the programme settings defaults', async () => {
    const rows: { key: string; value: string }[] = await t.app
      .get(DataSource)
      .query('SELECT `key`, value FROM settings ORDER BY `key`');
    const { pseudonymSecret, mfaSecretKey, ...programme } = Object.fromEntries(
      rows.map((r) => [r.key, JSON.parse(r.value)]),
    );
    expect(programme).toEqual({
      cancellationWindowHours: 24,
      mfaRequiredForAdmins: false,
      monthlySessionQuota: 4,
      programmeTimeZone: 'UTC',
      requestExpiryDays: 7,
    });
    expect(pseudonymSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(mfaSecretKey).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('Platform in production (HTTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Production refuses a password-less MySQL URL, so this block runs on the embedded database.
    t = await createTestApp({ NODE_ENV: 'production', SEED_DEMO: 'false' }, 'sqlite');
  });

  afterAll(async () => {
    await t.close();
  });

  it('should send HSTS for a year with subdomains', async () => {
    const res = await request(t.server).get('/api/v1/health').expect(200);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=(\d+); includeSubDomains/);
    expect(Number(/max-age=(\d+)/.exec(res.headers['strict-transport-security'])?.[1])).toBeGreaterThanOrEqual(
      31_536_000,
    );
  });

  it('should keep Swagger UI off unless explicitly enabled', async () => {
    await request(t.server).get('/api/docs-json').expect(404);
  });
});
