import request from 'supertest';
import { DataSource } from 'typeorm';
import { totpCode, totpStep } from '../../src/modules/mfa/totp';
import { Role } from '../../src/common/auth/role';
import { createUser, login, refreshCookieOf, Session, TestUser } from '../factories/users.factory';
import { createTestApp, TestApp } from '../utils/test-app';

interface Enrolled {
  secret: string;
  recoveryCodes: string[];
  /** The time step of the code that confirmed the enrolment (used up). */
  step: number;
}

const SETTINGS = {
  monthlySessionQuota: 4,
  requestExpiryDays: 7,
  cancellationWindowHours: 24,
  programmeTimeZone: 'UTC',
};

describe('Admin MFA (HTTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const api = () => request(t.server);
  const signIn = (user: TestUser) =>
    api().post('/api/v1/auth/login').send({ email: user.email, password: user.password });
  const verify = (challengeToken: string, code: string) =>
    api().post('/api/v1/auth/mfa/verify').send({ challengeToken, code });

  async function enrol(session: Session): Promise<Enrolled> {
    const started = await api().post('/api/v1/me/mfa/enrolment').set(session.auth).expect(200);
    const secret: string = started.body.secret;
    const step = totpStep();
    const confirmed = await api()
      .post('/api/v1/me/mfa/enrolment/confirm')
      .set(session.auth)
      .send({ code: totpCode(secret, step) })
      .expect(200);
    return { secret, recoveryCodes: confirmed.body.recoveryCodes, step };
  }

  async function challenge(user: TestUser): Promise<string> {
    const res = await signIn(user).expect(200);
    expect(res.body).toEqual({
      mfaRequired: true,
      mfaEnrolmentRequired: false,
      challengeToken: expect.any(String),
      expiresIn: 300,
    });
    return res.body.challengeToken;
  }

  async function auditActions(admin: Session, userId: string): Promise<string[]> {
    const res = await api()
      .get('/api/v1/admin/audit-log')
      .query({ targetId: userId, limit: 100 })
      .set(admin.auth)
      .expect(200);
    return res.body.items.map((e: { action: string }) => e.action);
  }

  it('should enrol, then ask for a code at sign-in, refuse wrong and reused codes, and accept the next one', async () => {
    const admin = await createUser(t, Role.Admin);
    const session = await login(t, admin);
    expect((await api().get('/api/v1/me/mfa').set(session.auth).expect(200)).body).toEqual({
      enabled: false,
      enabledAt: null,
      recoveryCodesLeft: 0,
      requiredForAdmins: false,
    });

    const started = await api().post('/api/v1/me/mfa/enrolment').set(session.auth).expect(200);
    expect(started.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.body.otpauthUri).toMatch(
      /^otpauth:\/\/totp\/PeerPals%3A.+\?secret=[A-Z2-7]{32}&issuer=PeerPals&algorithm=SHA1&digits=6&period=30$/,
    );
    expect(started.body.qrCodeDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(started.body.qrCodeDataUrl.split(',')[1], 'base64').toString()).toContain('<svg');
    // Pending: a password alone still signs in, and the secret is stored encrypted.
    expect((await signIn(admin).expect(200)).body.accessToken).toEqual(expect.any(String));
    const [row] = await t.app.get(DataSource).query('SELECT secret FROM user_mfa WHERE user_id = ?', [admin.id]);
    expect(row.secret).toMatch(/^v1:/);
    expect(row.secret).not.toContain(started.body.secret);

    const wrong = await api()
      .post('/api/v1/me/mfa/enrolment/confirm')
      .set(session.auth)
      .send({ code: '000000' === totpCode(started.body.secret, totpStep()) ? '111111' : '000000' })
      .expect(400);
    expect(wrong.body.code).toBe('MFA_CODE_INVALID');
    const step = totpStep();
    const confirmed = await api()
      .post('/api/v1/me/mfa/enrolment/confirm')
      .set(session.auth)
      .send({ code: totpCode(started.body.secret, step) })
      .expect(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.body.recoveryCodes).size).toBe(10);
    expect((await api().get('/api/v1/me/mfa').set(session.auth).expect(200)).body).toMatchObject({
      enabled: true,
      recoveryCodesLeft: 10,
    });

    const res = await signIn(admin).expect(200);
    expect(res.body.accessToken).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
    const token = res.body.challengeToken;

    const refused = await verify(token, totpCode(started.body.secret, step + 5)).expect(401);
    expect(refused.body).toMatchObject({ code: 'MFA_CODE_INVALID', status: 401 });
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    // The code that confirmed the enrolment is spent.
    expect((await verify(token, totpCode(started.body.secret, step)).expect(401)).body.code).toBe('MFA_CODE_INVALID');

    const next = totpCode(started.body.secret, step + 1);
    const ok = await verify(token, next).expect(200);
    expect(ok.body).toMatchObject({ expiresIn: 900, user: { id: admin.id, role: 'admin' } });
    const cookie = refreshCookieOf(ok);
    await api().get('/api/v1/me').set('Authorization', `Bearer ${ok.body.accessToken}`).expect(200);
    await api().post('/api/v1/auth/refresh').set('Cookie', cookie).expect(200);

    // The challenge is single use, and the same code does not work twice.
    expect((await verify(token, next).expect(401)).body.code).toBe('MFA_CHALLENGE_INVALID');
    expect((await verify(await challenge(admin), next).expect(401)).body.code).toBe('MFA_CODE_INVALID');

    const actions = await auditActions(session, admin.id);
    expect(actions).toEqual(expect.arrayContaining(['mfa.enrolment_started', 'mfa.enabled', 'mfa.code_refused']));
  });

  it('should let one code sign in only once when it is sent many times at once', async () => {
    const admin = await createUser(t, Role.Admin);
    const { secret, step } = await enrol(await login(t, admin));
    // Five, so the four refusals stay below the lock-out.
    const challenges = await Promise.all(Array.from({ length: 5 }, () => challenge(admin)));
    const code = totpCode(secret, step + 1);
    const results = await Promise.all(challenges.map((token) => verify(token, code)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 401)).toBe(true);
  });

  it('should let each recovery code sign in once', async () => {
    const admin = await createUser(t, Role.Admin);
    const session = await login(t, admin);
    const { recoveryCodes } = await enrol(session);
    const [first, second] = recoveryCodes;
    expect(first).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);

    const ok = await verify(await challenge(admin), first).expect(200);
    expect(ok.body.user.id).toBe(admin.id);
    expect((await verify(await challenge(admin), first).expect(401)).body.code).toBe('MFA_CODE_INVALID');
    // Typed in upper case without dashes still works.
    await verify(await challenge(admin), second.replace(/-/g, '').toUpperCase()).expect(200);
    expect((await api().get('/api/v1/me/mfa').set(session.auth).expect(200)).body.recoveryCodesLeft).toBe(8);
    expect(await auditActions(session, admin.id)).toContain('mfa.recovery_code_used');
  });

  it('should regenerate recovery codes for a current code, voiding the old ones', async () => {
    const admin = await createUser(t, Role.Admin);
    const session = await login(t, admin);
    const { secret, recoveryCodes, step } = await enrol(session);
    expect(
      (await api().post('/api/v1/me/mfa/recovery-codes').set(session.auth).send({ code: recoveryCodes[0] }).expect(400))
        .body.code,
    ).toBe('MFA_CODE_INVALID');
    const res = await api()
      .post('/api/v1/me/mfa/recovery-codes')
      .set(session.auth)
      .send({ code: totpCode(secret, step + 1) })
      .expect(200);
    expect(res.body.recoveryCodes).toHaveLength(10);
    expect((await verify(await challenge(admin), recoveryCodes[1]).expect(401)).body.code).toBe('MFA_CODE_INVALID');
    await verify(await challenge(admin), res.body.recoveryCodes[0]).expect(200);
    expect(await auditActions(session, admin.id)).toContain('mfa.recovery_codes_regenerated');
  });

  it('should stop taking codes after five wrong ones in a row, and spend the challenge', async () => {
    const admin = await createUser(t, Role.Admin);
    const session = await login(t, admin);
    const { secret, step } = await enrol(session);
    const token = await challenge(admin);
    const wrong = totpCode(secret, step + 10);
    for (let i = 0; i < 4; i++) expect((await verify(token, wrong)).status).toBe(401);
    const locked = await verify(token, wrong).expect(429);
    expect(locked.body.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    // Even the right code waits out the lock, and this challenge has had its five tries.
    expect((await verify(await challenge(admin), totpCode(secret, step + 1))).status).toBe(429);
    expect((await verify(token, totpCode(secret, step + 1)).expect(401)).body.code).toBe('MFA_CHALLENGE_INVALID');
    expect(await auditActions(session, admin.id)).toContain('mfa.locked');
  });

  it('should check at most five of 30 wrong codes sent at once to one challenge', async () => {
    const admin = await createUser(t, Role.Admin);
    const session = await login(t, admin);
    const { secret, step } = await enrol(session);
    const token = await challenge(admin);
    const results = await Promise.all(Array.from({ length: 30 }, () => verify(token, totpCode(secret, step + 10))));

    const outcomes = results.map((r) => `${r.status} ${r.body.code}`);
    const count = (outcome: string) => outcomes.filter((o) => o === outcome).length;
    // Four refusals, the fifth locks code entry; every other code was never compared.
    expect({
      refused: count('401 MFA_CODE_INVALID'),
      locked: count('429 RATE_LIMITED'),
      unchecked: count('401 MFA_CHALLENGE_INVALID'),
    }).toEqual({ refused: 4, locked: 1, unchecked: 25 });
    const checked = (await auditActions(session, admin.id)).filter(
      (a) => a === 'mfa.code_refused' || a === 'mfa.locked',
    );
    expect(checked).toHaveLength(5);
    const [row] = await t.app
      .get(DataSource)
      .query('SELECT failed_attempts FROM mfa_challenges WHERE user_id = ?', [admin.id]);
    expect(Number(row.failed_attempts)).toBe(5);
    const [account] = await t.app
      .get(DataSource)
      .query('SELECT failed_attempts, locked_until FROM user_mfa WHERE user_id = ?', [admin.id]);
    expect(Number(account.failed_attempts)).toBe(5);
    expect(account.locked_until).not.toBeNull();
  });

  it('should check at most five of 30 wrong codes sent at once by a signed-in admin', async () => {
    const admin = await createUser(t, Role.Admin);
    const session = await login(t, admin);
    const { secret, step } = await enrol(session);
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        api()
          .post('/api/v1/me/mfa/recovery-codes')
          .set(session.auth)
          .send({ code: totpCode(secret, step + 10) }),
      ),
    );
    const outcomes = results.map((r) => `${r.status} ${r.body.code}`);
    expect(outcomes.filter((o) => o === '400 MFA_CODE_INVALID')).toHaveLength(4);
    expect(outcomes.filter((o) => o === '429 RATE_LIMITED')).toHaveLength(26);
    const checked = (await auditActions(session, admin.id)).filter(
      (a) => a === 'mfa.code_refused' || a === 'mfa.locked',
    );
    expect(checked).toHaveLength(5);
    // The right code waits out the lock too.
    await api()
      .post('/api/v1/me/mfa/recovery-codes')
      .set(session.auth)
      .send({ code: totpCode(secret, step + 1) })
      .expect(429);
  });

  it('should refuse a second enrolment while MFA is on, and bad or unknown challenges', async () => {
    const admin = await createUser(t, Role.Admin);
    const session = await login(t, admin);
    await enrol(session);
    expect((await api().post('/api/v1/me/mfa/enrolment').set(session.auth).expect(409)).body.code).toBe(
      'MFA_ALREADY_ENABLED',
    );
    expect((await verify('x'.repeat(43), '123456').expect(401)).body.code).toBe('MFA_CHALLENGE_INVALID');
    const extra = await api()
      .post('/api/v1/auth/mfa/verify')
      .send({ challengeToken: 'x'.repeat(43), code: '123456', userId: admin.id })
      .expect(400);
    expect(extra.body.code).toBe('VALIDATION_FAILED');
    // A sign-in challenge does not open the enrolment routes.
    expect(
      (
        await api()
          .post('/api/v1/auth/mfa/enrolment')
          .send({ challengeToken: await challenge(admin) })
          .expect(401)
      ).body.code,
    ).toBe('MFA_CHALLENGE_INVALID');
  });

  it('should turn MFA off with a current code or the password', async () => {
    const byCode = await createUser(t, Role.Admin);
    const codeSession = await login(t, byCode);
    const { secret, step } = await enrol(codeSession);
    expect((await api().post('/api/v1/me/mfa/disable').set(codeSession.auth).send({}).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    await api()
      .post('/api/v1/me/mfa/disable')
      .set(codeSession.auth)
      .send({ code: totpCode(secret, step + 1) })
      .expect(204);
    expect((await signIn(byCode).expect(200)).body.accessToken).toEqual(expect.any(String));

    const byPassword = await createUser(t, Role.Admin);
    const passwordSession = await login(t, byPassword);
    await enrol(passwordSession);
    const wrong = await api()
      .post('/api/v1/me/mfa/disable')
      .set(passwordSession.auth)
      .send({ password: 'not-my-password-at-all' })
      .expect(400);
    expect(wrong.body.errors[0].field).toBe('password');
    await api()
      .post('/api/v1/me/mfa/disable')
      .set(passwordSession.auth)
      .send({ password: byPassword.password })
      .expect(204);
    expect((await api().get('/api/v1/me/mfa').set(passwordSession.auth).expect(200)).body.enabled).toBe(false);
    expect((await signIn(byPassword).expect(200)).body.accessToken).toEqual(expect.any(String));
    expect(
      (
        await api()
          .post('/api/v1/me/mfa/disable')
          .set(passwordSession.auth)
          .send({ password: byPassword.password })
          .expect(409)
      ).body.code,
    ).toBe('MFA_NOT_ENABLED');
    expect(await auditActions(passwordSession, byPassword.id)).toContain('mfa.disabled');
  });

  it('should ask for a code only while the account is an admin', async () => {
    const owner = await login(t, await createUser(t, Role.Admin));
    const admin = await createUser(t, Role.Admin);
    await enrol(await login(t, admin));
    await api().patch(`/api/v1/admin/users/${admin.id}`).set(owner.auth).send({ role: 'mentor' }).expect(200);
    expect((await signIn(admin).expect(200)).body.accessToken).toEqual(expect.any(String));
    await api().patch(`/api/v1/admin/users/${admin.id}`).set(owner.auth).send({ role: 'admin' }).expect(200);
    await challenge(admin);
  });

  it('should refuse the MFA routes to students and mentors', async () => {
    for (const role of [Role.Student, Role.Mentor]) {
      const session = await login(t, await createUser(t, role));
      await api().get('/api/v1/me/mfa').set(session.auth).expect(403);
      await api().post('/api/v1/me/mfa/enrolment').set(session.auth).expect(403);
    }
  });

  describe('when the programme requires MFA for admins', () => {
    let setter: Session;

    beforeAll(async () => {
      setter = await login(t, await createUser(t, Role.Admin));
    });

    afterAll(async () => {
      await api()
        .put('/api/v1/admin/settings')
        .set(setter.auth)
        .send({ ...SETTINGS, mfaRequiredForAdmins: false })
        .expect(200);
    });

    it('should make an admin without MFA enrol before getting a session', async () => {
      const admin = await createUser(t, Role.Admin);
      const earlier = await login(t, admin);
      const student = await createUser(t, Role.Student);

      const updated = await api()
        .put('/api/v1/admin/settings')
        .set(setter.auth)
        .send({ ...SETTINGS, mfaRequiredForAdmins: true })
        .expect(200);
      expect(updated.body.mfaRequiredForAdmins).toBe(true);
      // Leaving the setting out keeps it.
      expect(
        (await api().put('/api/v1/admin/settings').set(setter.auth).send(SETTINGS).expect(200)).body
          .mfaRequiredForAdmins,
      ).toBe(true);

      // A session from before the change cannot be renewed.
      expect(
        (await api().post('/api/v1/auth/refresh').set('Cookie', earlier.refreshCookie).expect(401)).body.code,
      ).toBe('SESSION_EXPIRED');

      const res = await signIn(admin).expect(200);
      expect(res.body).toEqual({
        mfaRequired: false,
        mfaEnrolmentRequired: true,
        challengeToken: expect.any(String),
        expiresIn: 300,
      });
      expect(res.headers['set-cookie']).toBeUndefined();
      const token: string = res.body.challengeToken;
      // The enrolment challenge is not a sign-in challenge, nor a bearer token.
      expect((await verify(token, '123456').expect(401)).body.code).toBe('MFA_CHALLENGE_INVALID');
      await api().get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(401);

      const started = await api().post('/api/v1/auth/mfa/enrolment').send({ challengeToken: token }).expect(200);
      const wrong = await api()
        .post('/api/v1/auth/mfa/enrolment/confirm')
        .send({ challengeToken: token, code: totpCode(started.body.secret, totpStep() + 5) })
        .expect(401);
      expect(wrong.body.code).toBe('MFA_CODE_INVALID');
      const done = await api()
        .post('/api/v1/auth/mfa/enrolment/confirm')
        .send({ challengeToken: token, code: totpCode(started.body.secret, totpStep()) })
        .expect(200);
      expect(done.body).toMatchObject({ expiresIn: 900, user: { id: admin.id }, recoveryCodes: expect.any(Array) });
      expect(done.body.recoveryCodes).toHaveLength(10);
      refreshCookieOf(done);
      await api().get('/api/v1/me/mfa').set('Authorization', `Bearer ${done.body.accessToken}`).expect(200);
      expect(
        (
          await api()
            .post('/api/v1/auth/mfa/enrolment/confirm')
            .send({ challengeToken: token, code: '123456' })
            .expect(401)
        ).body.code,
      ).toBe('MFA_CHALLENGE_INVALID');

      // From now on the admin signs in with a code; students are not affected.
      await challenge(admin);
      expect((await signIn(student).expect(200)).body.accessToken).toEqual(expect.any(String));
      const settingsAudit = await api()
        .get('/api/v1/admin/audit-log')
        .query({ action: 'settings.updated' })
        .set(setter.auth)
        .expect(200);
      expect(JSON.stringify(settingsAudit.body.items)).toContain('mfaRequiredForAdmins');
    });
  });
});
