import request from 'supertest';
import { Role } from '../../src/common/auth/role';
import { createUser, login, refreshCookieOf, Session, TestUser } from '../factories/users.factory';
import { createTestApp, TestApp } from '../utils/test-app';

const PORTAL = 'https://mentoring.uni.example';
const OTHER_PORTAL = 'https://portal.uni.example';

/** Requests a browser makes with the refresh cookie, whoever asked for them (CSRF). */
describe('Cookie-authenticated endpoints (HTTP)', () => {
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_URL: `${PORTAL}/`, CORS_ORIGINS: OTHER_PORTAL });
    user = await createUser(t, Role.Student);
  });

  afterAll(async () => {
    await t.close();
  });

  const api = () => request(t.server);
  const refresh = (session: Session, headers: Record<string, string> = {}) =>
    api().post('/api/v1/auth/refresh').set('Cookie', session.refreshCookie).set(headers);
  const logout = (session: Session, headers: Record<string, string> = {}) =>
    api().post('/api/v1/auth/logout').set('Cookie', session.refreshCookie).set(headers);

  /** The session still works: a same-site refresh rotates it. */
  async function stillSignedIn(session: Session): Promise<void> {
    const res = await refresh(session, { Origin: PORTAL }).expect(200);
    session.refreshCookie = refreshCookieOf(res);
  }

  const crossSite: [string, Record<string, string>][] = [
    ['a foreign Origin', { Origin: 'https://evil.example' }],
    [
      'a foreign Origin that the browser calls same-site',
      { Origin: 'https://evil.uni.example', 'Sec-Fetch-Site': 'same-site' },
    ],
    ['Origin: null (sandboxed frame, data: URL)', { Origin: 'null' }],
    ['the right host over another scheme', { Origin: 'http://mentoring.uni.example' }],
    ['no Origin and Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
    ['no Origin and Sec-Fetch-Site: same-site', { 'Sec-Fetch-Site': 'same-site' }],
  ];

  it.each(crossSite)('should refuse a refresh with %s, leaving the session alone', async (_name, headers) => {
    const session = await login(t, user);
    const res = await refresh(session, headers).send({}).expect(403);
    expect(res.body.code).toBe('CROSS_SITE_REQUEST');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['set-cookie']).toBeUndefined();
    await stillSignedIn(session);
  });

  it.each(crossSite)('should refuse a logout with %s, leaving the session alone', async (_name, headers) => {
    const session = await login(t, user);
    expect((await logout(session, headers).send({ everywhere: true }).expect(403)).body.code).toBe(
      'CROSS_SITE_REQUEST',
    );
    await api().get('/api/v1/me').set(session.auth).expect(200);
    await stillSignedIn(session);
  });

  const sameSite: [string, Record<string, string>][] = [
    ['the origin of PUBLIC_URL', { Origin: PORTAL, 'Sec-Fetch-Site': 'same-origin' }],
    ['an origin listed in CORS_ORIGINS', { Origin: OTHER_PORTAL, 'Sec-Fetch-Site': 'same-site' }],
    [
      'another host name the browser says is this origin',
      { Origin: 'http://127.0.0.1:3000', 'Sec-Fetch-Site': 'same-origin' },
    ],
    ['no Origin and Sec-Fetch-Site: same-origin', { 'Sec-Fetch-Site': 'same-origin' }],
    ['no Origin and Sec-Fetch-Site: none (typed by the user)', { 'Sec-Fetch-Site': 'none' }],
    ['neither header (not a browser)', {}],
  ];

  it.each(sameSite)('should refresh and sign out with %s', async (_name, headers) => {
    const session = await login(t, user);
    const rotated = await refresh(session, headers).send({}).expect(200);
    expect(rotated.body.accessToken).toEqual(expect.any(String));
    session.refreshCookie = refreshCookieOf(rotated);
    await logout(session, headers).expect(204);
    await refresh(session).expect(401);
  });

  const bodies: [string, string, string][] = [
    ['text/plain', 'text/plain', '{"everywhere":true}'],
    ['text/plain with a charset', 'text/plain; charset=utf-8', '{}'],
    [
      'multipart',
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="everywhere"\r\n\r\ntrue\r\n--x--\r\n',
    ],
    ['form', 'application/x-www-form-urlencoded', 'everywhere=true'],
  ];

  it.each(bodies)(
    'should refuse a %s body on refresh and logout, even from the portal',
    async (_name, contentType, body) => {
      const session = await login(t, user);
      for (const call of [refresh, logout]) {
        const res = await call(session, { Origin: PORTAL, 'Content-Type': contentType }).send(body).expect(415);
        expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      }
      await stillSignedIn(session);
    },
  );

  it('should take a JSON body, or none at all', async () => {
    const session = await login(t, user);
    const rotated = await refresh(session, { Origin: PORTAL })
      .set('Content-Type', 'application/json; charset=utf-8')
      .send('{}')
      .expect(200);
    session.refreshCookie = refreshCookieOf(rotated);
    await logout(session, { Origin: PORTAL }).send({ everywhere: false }).expect(204);
  });

  it('should refuse the password-reset endpoints from another site too', async () => {
    const ask = await api()
      .post('/api/v1/auth/password-reset')
      .set('Origin', 'https://evil.example')
      .send({ email: user.email })
      .expect(403);
    expect(ask.body.code).toBe('CROSS_SITE_REQUEST');
    await api()
      .post('/api/v1/auth/password-reset/confirm')
      .set('Sec-Fetch-Site', 'cross-site')
      .send({ token: 'x'.repeat(43), password: 'a-long-enough-password' })
      .expect(403);
    await api()
      .post('/api/v1/auth/password-reset')
      .set('Origin', 'https://evil.example')
      .set('Content-Type', 'text/plain')
      .send(JSON.stringify({ email: user.email }))
      .expect(403);
    await api()
      .post('/api/v1/auth/password-reset')
      .set('Origin', PORTAL)
      .set('Content-Type', 'text/plain')
      .send(JSON.stringify({ email: user.email }))
      .expect(415);
  });
});
