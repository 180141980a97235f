import { createHmac } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { sign } from 'jsonwebtoken';
import { SettingsService } from '../../src/modules/settings/settings.service';
import { Role } from '../../src/common/auth/role';
import { assign, createUser, login, Session, TestUser } from '../factories/users.factory';
import { createTestApp, TEST_JWT_SECRET, TestApp } from '../utils/test-app';
import matrix from './permission-matrix.json';
import { reportFigures } from '../utils/figures';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
function hs256(header: object, payload: object, secret = TEST_JWT_SECRET): string {
  const body = `${b64(header)}.${b64(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** RFC 8725 forgeries an attacker can make without the server's secret, plus shapes the server must not accept. */
function forgedTokens(userId: string): [string, string][] {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    sub: userId,
    role: 'admin',
    tv: 0,
    typ: 'access',
    iss: 'peerpals',
    aud: 'peerpals-api',
    iat: now,
    exp: now + 600,
  };
  const attacker = 'attacker-controlled-secret-attacker-controlled';
  return [
    ['alg none', `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(claims)}.`],
    ['alg None with signature', `${b64({ alg: 'None' })}.${b64(claims)}.${'A'.repeat(43)}`],
    ['HS512 with the server secret', sign(claims, TEST_JWT_SECRET, { algorithm: 'HS512' })],
    ['RS256 header, HMAC with a public-looking key', hs256({ alg: 'RS256' }, claims, '-----BEGIN PUBLIC KEY-----MFkw')],
    [
      'no exp',
      (() => {
        const { exp: _e, ...rest } = claims;
        return hs256({ alg: 'HS256' }, rest, attacker);
      })(),
    ],
    [
      'no exp, right secret',
      (() => {
        const { exp: _e, ...rest } = claims;
        return hs256({ alg: 'HS256' }, rest);
      })(),
    ],
    ['expired', hs256({ alg: 'HS256' }, { ...claims, iat: now - 2000, exp: now - 1000 })],
    ['future nbf', hs256({ alg: 'HS256' }, { ...claims, nbf: now + 3600 })],
    ['wrong iss', hs256({ alg: 'HS256' }, { ...claims, iss: 'someone-else' })],
    ['wrong aud', hs256({ alg: 'HS256' }, { ...claims, aud: 'another-api' })],
    ['wrong typ', hs256({ alg: 'HS256' }, { ...claims, typ: 'refresh' })],
    ['jku header', hs256({ alg: 'HS256', jku: 'https://attacker.example/jwks.json' }, claims, attacker)],
    ['x5u header', hs256({ alg: 'HS256', x5u: 'https://attacker.example/cert.pem' }, claims, attacker)],
    [
      'embedded jwk',
      hs256({ alg: 'HS256', jwk: { kty: 'oct', k: Buffer.from(attacker).toString('base64url') } }, claims, attacker),
    ],
    ['kid path traversal', hs256({ alg: 'HS256', kid: '../../../../dev/null' }, claims, '')],
    ['garbage', 'not.a.jwt'],
  ];
}

describe('Security hardening (HTTP)', () => {
  let t: TestApp;
  let student: TestUser;
  let mentor: TestUser;
  let admin: Session;
  let s: Session;
  let m: Session;

  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: 'https://portal.uni.example' });
    student = await createUser(t, Role.Student);
    mentor = await createUser(t, Role.Mentor);
    await assign(t, student, mentor);
    s = await login(t, student);
    m = await login(t, mentor);
    admin = await login(t, await createUser(t, Role.Admin));
  });

  afterAll(async () => {
    await t.close();
  });

  const api = () => request(t.server);
  const protectedRoutes = Object.entries(matrix.routes)
    .filter(([, statuses]) => statuses[0] === 401)
    .map(([route]) => route.split(' ') as ['GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', string])
    .filter(([method, path]) => !path.startsWith('/api/v1/auth/') && !(method === 'GET' && path === '/api/v1/events'));

  it('should refuse every forged token on every protected route with 401', async () => {
    const forgeries = forgedTokens(student.id);
    let tried = 0;
    const accepted: string[] = [];
    for (const [method, template] of protectedRoutes) {
      const path = template.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      for (const [name, token] of forgeries) {
        // Fastify's inject runs the full pipeline without a socket per request.
        const res = await t.app.inject({
          method,
          url: path,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          payload: '{}',
        });
        tried++;
        if (res.statusCode !== 401) accepted.push(`${method} ${template} with ${name}: ${res.statusCode}`);
      }
    }
    reportFigures(
      'forged-tokens',
      { tried, forgeries: forgeries.length, routes: protectedRoutes.length },
      `forged tokens tried: ${tried} (${forgeries.length} forgeries × ${protectedRoutes.length} routes)`,
    );
    expect(accepted).toEqual([]);
    expect(tried).toBeGreaterThan(500);
  });

  describe('mass assignment', () => {
    const count = async (table: string) =>
      Number((await t.app.get(DataSource).query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

    it.each([
      ['PATCH', '/api/v1/me', { displayName: 'X', role: 'admin' }],
      ['PATCH', '/api/v1/me', { id: '00000000-0000-4000-8000-000000000000' }],
      ['PATCH', '/api/v1/me', { active: false, tokenVersion: 0 }],
      [
        'POST',
        '/api/v1/discussions',
        {
          title: 'Hello there',
          body: 'x',
          audience: 'community',
          mode: 'normal',
          authorId: '00000000-0000-4000-8000-000000000000',
        },
      ],
      [
        'POST',
        '/api/v1/discussions',
        {
          title: 'Hello there',
          body: 'x',
          audience: 'community',
          mode: 'normal',
          constructor: { prototype: { admin: true } },
        },
      ],
    ])('%s %s with %j → 400, nothing stored', async (method, path, body) => {
      const before = await count('discussion_threads');
      const res = await api()[method.toLowerCase() as 'patch'](path).set(s.auth).send(body).expect(400);
      // Unknown fields fail validation; prototype keys are already refused by the JSON parser.
      expect(['VALIDATION_FAILED', 'MALFORMED_BODY']).toContain(res.body.code);
      expect(await count('discussion_threads')).toBe(before);
      expect((await api().get('/api/v1/me').set(s.auth).expect(200)).body).toMatchObject({
        role: 'student',
        active: true,
      });
    });

    it("should refuse a request body that sets status, someone else's student id, or __proto__", async () => {
      const before = await count('mentoring_requests');
      await api()
        .post('/api/v1/mentoring-requests')
        .set(s.auth)
        .send({ mentorId: mentor.id, topic: 't', message: 'm', status: 'accepted' })
        .expect(400);
      await api()
        .post('/api/v1/mentoring-requests')
        .set(s.auth)
        .send({
          mentorId: mentor.id,
          topic: 't',
          message: 'm',
          studentId: (await createUser(t, Role.Student, { password: null })).id,
        })
        .expect(400);
      const proto = await api()
        .post('/api/v1/mentoring-requests')
        .set(s.auth)
        .set('content-type', 'application/json')
        .send(`{"mentorId":"${mentor.id}","topic":"t","message":"m","__proto__":{"status":"accepted"}}`)
        .expect(400);
      expect(proto.body.code).toBe('MALFORMED_BODY');
      expect(await count('mentoring_requests')).toBe(before);
      const sessions = await count('sessions');
      await api()
        .post('/api/v1/sessions')
        .set(m.auth)
        .send({
          studentId: student.id,
          startsAt: '2030-01-01T10:00:00Z',
          endsAt: '2030-01-01T11:00:00Z',
          status: 'completed',
          id: '00000000-0000-4000-8000-000000000000',
        })
        .expect(400);
      expect(await count('sessions')).toBe(sessions);
    });
  });

  describe('security headers', () => {
    function expectHeaders(res: request.Response): void {
      const csp = res.headers['content-security-policy'];
      for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"])
        expect(csp).toContain(directive);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['cache-control']).toContain('no-store');
    }

    it('should send them on 200, 401, 404 and 500, without a stack trace on 500', async () => {
      expectHeaders(await api().get('/api/v1/me').set(s.auth).expect(200));
      expectHeaders(await api().get('/api/v1/me').expect(401));
      expectHeaders(await api().get('/api/v1/nothing-here').expect(404));
      const spy = jest
        .spyOn(SettingsService.prototype, 'get')
        .mockRejectedValueOnce(new Error('boom at /work/secret/path.ts:12'));
      try {
        const failed = await api().get('/api/v1/admin/settings').set(admin.auth).expect(500);
        expectHeaders(failed);
        expect(failed.body).toMatchObject({ code: 'INTERNAL_ERROR', status: 500 });
        expect(failed.text).not.toMatch(/boom|\.ts:\d+|at .+\(/);
      } finally {
        spy.mockRestore();
      }
    });

    it('should echo only allowed CORS origins', async () => {
      const preflight = await api()
        .options('/api/v1/me')
        .set('origin', 'https://portal.uni.example')
        .set('access-control-request-method', 'GET');
      expect(preflight.headers['access-control-allow-origin']).toBe('https://portal.uni.example');
      const evil = await api()
        .options('/api/v1/me')
        .set('origin', 'https://evil.example')
        .set('access-control-request-method', 'GET');
      expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});

describe('Security headers on 429 (HTTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_API_PER_MINUTE: '3' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('should send them on a rate-limited response too', async () => {
    for (let i = 0; i < 3; i++) await request(t.server).get('/api/v1/health').expect(200);
    const res = await request(t.server).get('/api/v1/health').expect(429);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['retry-after']).toBeTruthy();
    expect(res.body.code).toBe('RATE_LIMITED');
  });
});
