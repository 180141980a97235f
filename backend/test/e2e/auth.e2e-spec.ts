import { createHmac } from 'node:crypto';
import request from 'supertest';
import { sign } from 'jsonwebtoken';
import { totpCode, totpStep } from '../../src/modules/mfa/totp';
import { Role } from '../../src/common/auth/role';
import { createUser, login, refreshCookieOf, TestUser } from '../factories/users.factory';
import { createTestApp, TEST_JWT_SECRET, TestApp } from '../utils/test-app';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function hs256(header: object, payload: object, secret = TEST_JWT_SECRET): string {
  const body = `${b64(header)}.${b64(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('Auth (HTTP)', () => {
  let t: TestApp;
  let student: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    student = await createUser(t, Role.Student);
  });

  afterAll(async () => {
    await t.close();
  });

  const me = (token: string) => request(t.server).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
  const refresh = (cookie: string) => request(t.server).post('/api/v1/auth/refresh').set('Cookie', cookie);

  describe('login', () => {
    it('should return a short-lived HS256 access token and an HttpOnly, SameSite=Strict refresh cookie', async () => {
      const res = await request(t.server)
        .post('/api/v1/auth/login')
        .send({ email: student.email.toUpperCase(), password: student.password })
        .expect(200);
      expect(res.body).toMatchObject({
        expiresIn: 900,
        user: { id: student.id, email: student.email, role: 'student' },
      });
      const [header, payload] = res.body.accessToken
        .split('.')
        .slice(0, 2)
        .map((p: string) => JSON.parse(Buffer.from(p, 'base64url').toString()));
      expect(header).toEqual({ alg: 'HS256', typ: 'at+jwt' });
      expect(payload).toMatchObject({ sub: student.id, iss: 'peerpals', aud: 'peerpals-api', typ: 'access' });
      expect(payload.exp - payload.iat).toBe(900);
      const cookie = ([] as string[]).concat(res.headers['set-cookie']).find((c) => c.startsWith('pp_refresh='))!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/api\/v1\/auth/);
      await me(res.body.accessToken).expect(200);
    });

    it('should answer an unknown email and a wrong password identically', async () => {
      const unknown = await request(t.server)
        .post('/api/v1/auth/login')
        .send({ email: 'nobody@test.example', password: 'whatever-password' })
        .expect(401);
      const wrong = await request(t.server)
        .post('/api/v1/auth/login')
        .send({ email: student.email, password: 'whatever-password' })
        .expect(401);
      const strip = ({ requestId: _r, ...rest }: Record<string, unknown>) => rest;
      expect(strip(unknown.body)).toEqual(strip(wrong.body));
      expect(unknown.body.code).toBe('INVALID_CREDENTIALS');
    });

    it('should refuse an inactive account with ACCOUNT_INACTIVE', async () => {
      const inactive = await createUser(t, Role.Student, { active: false });
      const res = await request(t.server)
        .post('/api/v1/auth/login')
        .send({ email: inactive.email, password: inactive.password })
        .expect(403);
      expect(res.body.code).toBe('ACCOUNT_INACTIVE');
    });

    it('should refuse a user who has not accepted the invitation yet', async () => {
      const invited = await createUser(t, Role.Student, { password: null });
      const res = await request(t.server)
        .post('/api/v1/auth/login')
        .send({ email: invited.email, password: 'anything-at-all-12' })
        .expect(401);
      expect(res.body.code).toBe('INVALID_CREDENTIALS');
    });

    it('should reject unknown body fields', async () => {
      const res = await request(t.server)
        .post('/api/v1/auth/login')
        .send({ email: student.email, password: student.password, role: 'admin' })
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'role', message: 'role is not an accepted field' }]);
    });
  });

  describe('forged access tokens', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const claims = () => ({
      sub: student.id,
      role: 'student',
      tv: 0,
      typ: 'access',
      iss: 'peerpals',
      aud: 'peerpals-api',
      iat: now(),
      exp: now() + 600,
    });

    const forgeries: [string, () => string][] = [
      ['alg none', () => `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(claims())}.`],
      [
        'tampered payload',
        () => {
          const [h, , s] = hs256({ alg: 'HS256', typ: 'at+jwt' }, claims()).split('.');
          return `${h}.${b64({ ...claims(), role: 'admin' })}.${s}`;
        },
      ],
      ['HS512 with the right secret', () => sign(claims(), TEST_JWT_SECRET, { algorithm: 'HS512' })],
      ['signed with another secret', () => hs256({ alg: 'HS256' }, claims(), 'another-secret-another-secret-another')],
      ['wrong audience', () => hs256({ alg: 'HS256' }, { ...claims(), aud: 'someone-else' })],
      ['wrong issuer', () => hs256({ alg: 'HS256' }, { ...claims(), iss: 'evil' })],
      ['wrong typ', () => hs256({ alg: 'HS256' }, { ...claims(), typ: 'refresh' })],
      ['expired', () => hs256({ alg: 'HS256' }, { ...claims(), iat: now() - 1000, exp: now() - 10 })],
      [
        'no exp',
        () => {
          const { exp: _exp, ...rest } = claims();
          return hs256({ alg: 'HS256' }, rest);
        },
      ],
      ['future nbf', () => hs256({ alg: 'HS256' }, { ...claims(), nbf: now() + 3600 })],
      ['lifetime longer than a real token', () => hs256({ alg: 'HS256' }, { ...claims(), exp: now() + 86_400 * 30 })],
      ['stale token version', () => hs256({ alg: 'HS256' }, { ...claims(), tv: 7 })],
      [
        'jku header with an attacker key',
        () =>
          hs256(
            { alg: 'HS256', jku: 'https://evil.example/jwks.json', kid: 'x' },
            claims(),
            'attacker-secret-attacker-secret-xx',
          ),
      ],
    ];

    it('should accept the genuine token shape (control)', async () => {
      await me(hs256({ alg: 'HS256', typ: 'at+jwt' }, claims())).expect(200);
    });

    it.each(forgeries)('should refuse %s with 401', async (_name, forge) => {
      const res = await me(forge()).expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('refresh rotation', () => {
    it('should rotate: the new cookie works once, the old one is refused and revokes the family', async () => {
      const session = await login(t, student);
      const first = await refresh(session.refreshCookie).expect(200);
      const rotated = refreshCookieOf(first);
      expect(rotated).not.toBe(session.refreshCookie);
      await me(first.body.accessToken).expect(200);

      const reuse = await refresh(session.refreshCookie).expect(401);
      expect(reuse.body.code).toBe('SESSION_EXPIRED');
      // The reuse revoked the whole family, including the token issued by the rotation.
      await refresh(rotated).expect(401);
    });

    it('should let at most one of 20 concurrent refreshes of one token succeed', async () => {
      const session = await login(t, student);
      const results = await Promise.all(Array.from({ length: 20 }, () => refresh(session.refreshCookie)));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(1);
      expect(statuses.every((s) => s === 200 || s === 401)).toBe(true);
    });

    it('should never take an access token as a refresh token, nor the reverse', async () => {
      const session = await login(t, student);
      await refresh(`pp_refresh=${session.accessToken}`).expect(401);
      await me(session.refreshCookie.split('=')[1]).expect(401);
    });

    it('should end the session on logout', async () => {
      const session = await login(t, student);
      await request(t.server).post('/api/v1/auth/logout').set('Cookie', session.refreshCookie).send({}).expect(204);
      await refresh(session.refreshCookie).expect(401);
    });

    it('should end every session with logout everywhere', async () => {
      const user = await createUser(t, Role.Mentor);
      const a = await login(t, user);
      const b = await login(t, user);
      await request(t.server)
        .post('/api/v1/auth/logout')
        .set('Cookie', a.refreshCookie)
        .send({ everywhere: true })
        .expect(204);
      await me(b.accessToken).expect(401);
      await refresh(b.refreshCookie).expect(401);
    });
  });

  describe('instant revocation', () => {
    it('should void earlier access and refresh tokens when an admin deactivates the account', async () => {
      const admin = await createUser(t, Role.Admin);
      const victim = await createUser(t, Role.Student);
      const adminSession = await login(t, admin);
      const session = await login(t, victim);
      await me(session.accessToken).expect(200);
      await request(t.server)
        .patch(`/api/v1/admin/users/${victim.id}`)
        .set(adminSession.auth)
        .send({ active: false })
        .expect(200);
      await me(session.accessToken).expect(401);
      await refresh(session.refreshCookie).expect(401);
      const relogin = await request(t.server)
        .post('/api/v1/auth/login')
        .send({ email: victim.email, password: victim.password })
        .expect(403);
      expect(relogin.body.code).toBe('ACCOUNT_INACTIVE');
    });

    it('should void earlier tokens when the role changes', async () => {
      const admin = await createUser(t, Role.Admin);
      const user = await createUser(t, Role.Student);
      const adminSession = await login(t, admin);
      const session = await login(t, user);
      await request(t.server)
        .patch(`/api/v1/admin/users/${user.id}`)
        .set(adminSession.auth)
        .send({ role: 'mentor' })
        .expect(200);
      await me(session.accessToken).expect(401);
      const fresh = await login(t, user);
      expect((await me(fresh.accessToken).expect(200)).body.role).toBe('mentor');
    });

    it('should void earlier tokens when the password changes, and need the current password', async () => {
      const user = await createUser(t, Role.Student);
      const session = await login(t, user);
      const wrong = await request(t.server)
        .post('/api/v1/me/password')
        .set(session.auth)
        .send({ currentPassword: 'not-my-password-x', newPassword: 'a-brand-new-passphrase' })
        .expect(400);
      expect(wrong.body.errors[0].field).toBe('currentPassword');
      const weak = await request(t.server)
        .post('/api/v1/me/password')
        .set(session.auth)
        .send({ currentPassword: user.password, newPassword: 'short' })
        .expect(400);
      expect(weak.body.errors[0].field).toBe('newPassword');
      await request(t.server)
        .post('/api/v1/me/password')
        .set(session.auth)
        .send({ currentPassword: user.password, newPassword: 'a-brand-new-passphrase' })
        .expect(204);
      await me(session.accessToken).expect(401);
      await refresh(session.refreshCookie).expect(401);
      await login(t, { email: user.email, password: 'a-brand-new-passphrase' });
    });
  });
});

describe('Auth rate limits (HTTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_ACCOUNT_PER_MINUTE: '3', RATE_LIMIT_AUTH_PER_MINUTE: '6' });
  });

  afterAll(async () => {
    await t.close();
  });

  const attempt = (email: string) =>
    request(t.server).post('/api/v1/auth/login').send({ email, password: 'wrong-password-123' });

  it('should throttle sign-in per account with 429 RATE_LIMITED and Retry-After', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt('target@test.example')).status).toBe(401);
    const limited = await attempt('TARGET@test.example').expect(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(limited.headers['content-type']).toMatch(/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('should throttle sign-in per client address across accounts', async () => {
    // 4 attempts were made above; the per-address limit is 6.
    expect((await attempt('other1@test.example')).status).toBe(401);
    expect((await attempt('other2@test.example')).status).toBe(401);
    expect((await attempt('other3@test.example')).status).toBe(429);
  });
});

describe('MFA code rate limit (HTTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_ACCOUNT_PER_MINUTE: '3', RATE_LIMIT_AUTH_PER_MINUTE: '100' });
  });

  afterAll(async () => {
    await t.close();
  });

  async function challengeFor(): Promise<string> {
    const admin = await createUser(t, Role.Admin);
    const session = await login(t, admin);
    const started = await request(t.server).post('/api/v1/me/mfa/enrolment').set(session.auth).expect(200);
    await request(t.server)
      .post('/api/v1/me/mfa/enrolment/confirm')
      .set(session.auth)
      .send({ code: totpCode(started.body.secret, totpStep()) })
      .expect(200);
    const signIn = await request(t.server)
      .post('/api/v1/auth/login')
      .send({ email: admin.email, password: admin.password })
      .expect(200);
    return signIn.body.challengeToken;
  }

  it('should count wrong codes per challenge, so one account cannot exhaust the limit of another', async () => {
    const first = await challengeFor();
    const second = await challengeFor();
    const verify = (challengeToken: string) =>
      request(t.server).post('/api/v1/auth/mfa/verify').send({ challengeToken, code: '12345a' });
    for (let i = 0; i < 3; i++) expect((await verify(first)).status).not.toBe(429);
    expect((await verify(first)).status).toBe(429);
    expect((await verify(second)).status).not.toBe(429);
  });
});
