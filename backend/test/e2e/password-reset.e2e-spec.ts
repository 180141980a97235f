import request from 'supertest';
import { DataSource } from 'typeorm';
import { toDbTimestamp } from '../../src/database/database-options';
import { RESET_REQUEST_FLOOR_MS } from '../../src/modules/auth/password-reset.service';
import { InvitationsRepository } from '../../src/modules/users/invitations.repository';
import { InvitationsService } from '../../src/modules/users/invitations.service';
import { Role } from '../../src/common/auth/role';
import { TransactionHost } from '@nestjs-cls/transactional';
import { createUser, login, Session, TestUser } from '../factories/users.factory';
import { eventually, ReceivedMail, startSmtp, TestSmtp } from '../utils/smtp-capture';
import { createTestApp, TestApp } from '../utils/test-app';

const PUBLIC_URL = 'https://mentoring.uni.example';
const NEW_PASSWORD = 'a-fresh-and-long-passphrase';
const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;
const resetLinkIn = (mail: ReceivedMail) =>
  mail.text.match(/https:\/\/mentoring\.uni\.example\/reset-password\?token=[A-Za-z0-9_-]{43}/)?.[0];

describe('Account take-over and password reset (HTTP)', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let admin: TestUser;
  let adminSession: Session;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_URL });
    admin = await createUser(t, Role.Admin, { displayName: 'Ada Admin' });
    adminSession = await login(t, admin);
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const api = () => request(t.server);
  const db = () => t.app.get(DataSource);
  const me = (session: Session) => api().get('/api/v1/me').set(session.auth);
  const refresh = (session: Session) => api().post('/api/v1/auth/refresh').set('Cookie', session.refreshCookie);
  const signIn = (email: string, password: string) => api().post('/api/v1/auth/login').send({ email, password });
  const askReset = (email: string) => api().post('/api/v1/auth/password-reset').send({ email });
  const confirm = (token: string, password: string) =>
    api().post('/api/v1/auth/password-reset/confirm').send({ token, password });
  const mailsTo = (email: string) => smtp.mails.filter((m) => m.to === email);
  const resetMailTo = async (email: string, nth = 1) =>
    eventually(() =>
      mailsTo(email).filter((m) => m.subject.includes('Reset')).length >= nth
        ? mailsTo(email).filter((m) => m.subject.includes('Reset'))[nth - 1]
        : undefined,
    );
  const notifications = async (session: Session) =>
    (await api().get('/api/v1/me/notifications').set(session.auth).expect(200)).body.items as {
      type: string;
      title: string;
      body: string;
    }[];
  const audit = async (action: string, targetId: string) =>
    (await api().get('/api/v1/admin/audit-log').set(adminSession.auth).query({ action, targetId }).expect(200)).body
      .items as { details: unknown }[];
  /** Lets the next request for the same person send again (the resend pause is a minute). */
  const ageResets = (userId: string) =>
    db().query('UPDATE password_resets SET created_at = ? WHERE user_id = ?', [
      toDbTimestamp(new Date(Date.now() - 120_000)),
      userId,
    ]);

  describe('no admin action yields a credential for an existing account', () => {
    it('should refuse to re-issue an invitation for an active account with a password, changing nothing', async () => {
      const student = await createUser(t, Role.Student);
      const session = await login(t, student);
      const res = await api().post(`/api/v1/admin/users/${student.id}/invitation`).set(adminSession.auth).expect(409);
      expect(res.body.code).toBe('INVITATION_NOT_ALLOWED');
      expect(JSON.stringify(res.body)).not.toMatch(/token=/);
      expect(await db().query('SELECT id FROM invitations WHERE user_id = ?', [student.id])).toHaveLength(0);
      expect(await audit('user.invitation_reissued', student.id)).toHaveLength(0);
      // The student's own password and sessions are untouched.
      await me(session).expect(200);
      await signIn(student.email, student.password).expect(200);
    });

    it('should still re-issue an invitation for an account that never set a password', async () => {
      const invited = await createUser(t, Role.Student, { password: null });
      const res = await api().post(`/api/v1/admin/users/${invited.id}/invitation`).set(adminSession.auth).expect(201);
      await api()
        .post('/api/v1/auth/invitations/accept')
        .send({ token: tokenOf(res.body.invitationUrl), password: NEW_PASSWORD })
        .expect(200);
      // Activated now: a second invitation is refused.
      expect(
        (await api().post(`/api/v1/admin/users/${invited.id}/invitation`).set(adminSession.auth).expect(409)).body.code,
      ).toBe('INVITATION_NOT_ALLOWED');
    });

    it('should refuse an open invitation of an account that already has a password, without signing anyone in', async () => {
      const student = await createUser(t, Role.Student);
      // An invitation left open from before the account was activated (or from an older release).
      const invitation = t.app.get(InvitationsService).build(student.id, admin.id);
      await t.app
        .get(TransactionHost)
        .withTransaction(() => t.app.get(InvitationsRepository).insert([invitation.entity]));
      const res = await api()
        .post('/api/v1/auth/invitations/accept')
        .send({ token: tokenOf(invitation.url), password: NEW_PASSWORD })
        .expect(400);
      expect(res.body.code).toBe('INVITATION_INVALID');
      expect(res.body.accessToken).toBeUndefined();
      await signIn(student.email, student.password).expect(200);
      await signIn(student.email, NEW_PASSWORD).expect(401);
    });

    it("should not let an admin change a user's e-mail address", async () => {
      const student = await createUser(t, Role.Student);
      const res = await api()
        .patch(`/api/v1/admin/users/${student.id}`)
        .set(adminSession.auth)
        .send({ email: 'attacker@evil.example' })
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'email', message: 'email is not an accepted field' }]);
      expect((await api().get(`/api/v1/admin/users/${student.id}`).set(adminSession.auth).expect(200)).body.email).toBe(
        student.email,
      );
      // Nor by importing the address again: an existing account is never touched by the import.
      const imported = await api()
        .post('/api/v1/admin/users/import')
        .set(adminSession.auth)
        .set('content-type', 'text/csv')
        .send(`email,displayName,role\n${student.email},Someone Else,admin\n`)
        .expect(200);
      expect(imported.body.rows[0]).toMatchObject({
        status: 'error',
        reason: 'an account with this email already exists',
      });
    });
  });

  describe('password reset by e-mail', () => {
    it('should e-mail a single-use link that sets the password and ends every session', async () => {
      const student = await createUser(t, Role.Student);
      const [a, b] = [await login(t, student), await login(t, student)];
      const asked = await askReset(student.email.toUpperCase()).expect(202);
      expect(asked.body).toEqual({ message: expect.stringContaining('If an account uses this address') });

      const mail = await resetMailTo(student.email);
      const link = resetLinkIn(mail)!;
      expect(link).toBeDefined();
      expect(mail.text).toContain('30 minutes');
      expect(mail.text).toContain('you can ignore it');
      const token = tokenOf(link);
      // Only the hash is stored.
      expect(
        JSON.stringify(await db().query('SELECT * FROM password_resets WHERE user_id = ?', [student.id])),
      ).not.toContain(token);

      // A refused password does not spend the link.
      const weak = await confirm(token, 'short').expect(400);
      expect(weak.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'password', message: expect.stringContaining('12 characters') }],
      });
      await confirm(token, NEW_PASSWORD).expect(204);

      await me(a).expect(401);
      await me(b).expect(401);
      await refresh(a).expect(401);
      await refresh(b).expect(401);
      expect((await signIn(student.email, student.password).expect(401)).body.code).toBe('INVALID_CREDENTIALS');
      const fresh = await login(t, { email: student.email, password: NEW_PASSWORD });

      expect((await confirm(token, 'another-long-passphrase').expect(400)).body.code).toBe('RESET_TOKEN_INVALID');
      await signIn(student.email, 'another-long-passphrase').expect(401);

      const told = await eventually(async () =>
        (await notifications(fresh)).find((n) => n.type === 'account.password_reset'),
      );
      expect(told.title).toBe('Your password was reset');
      await eventually(() => mailsTo(student.email).find((m) => m.subject === 'Your password was reset'));
      expect(await audit('user.password_reset', student.id)).toHaveLength(1);
    });

    it('should let only one of several concurrent confirmations use a link', async () => {
      const student = await createUser(t, Role.Student);
      await askReset(student.email).expect(202);
      const token = tokenOf(resetLinkIn(await resetMailTo(student.email))!);
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => confirm(token, `${NEW_PASSWORD}-${i}`)));
      expect(results.filter((r) => r.status === 204)).toHaveLength(1);
      expect(results.filter((r) => r.status === 400).every((r) => r.body.code === 'RESET_TOKEN_INVALID')).toBe(true);
    });

    it('should give the same answer for an unknown address, without e-mail, in about the same time', async () => {
      const student = await createUser(t, Role.Student);
      const timed = async (email: string) => {
        const started = process.hrtime.bigint();
        const res = await askReset(email).expect(202);
        return { body: res.body, ms: Number(process.hrtime.bigint() - started) / 1e6 };
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 4; i++) {
        await ageResets(student.id);
        const k = await timed(student.email);
        const u = await timed(`nobody-${i}@test.example`);
        expect(u.body).toEqual(k.body);
        known.push(k.ms);
        unknown.push(u.ms);
      }
      const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
      expect(Math.min(...known, ...unknown)).toBeGreaterThanOrEqual(RESET_REQUEST_FLOOR_MS - 5);
      expect(Math.abs(median(known) - median(unknown))).toBeLessThan(100);
      await resetMailTo(student.email, 4);
      expect(smtp.mails.filter((m) => m.to.startsWith('nobody-'))).toHaveLength(0);
    });

    it('should send nothing to an account that is deactivated or has not set a password', async () => {
      const inactive = await createUser(t, Role.Student, { active: false });
      const invited = await createUser(t, Role.Student, { password: null });
      await askReset(inactive.email).expect(202);
      await askReset(invited.email).expect(202);
      expect(
        await db().query('SELECT id FROM password_resets WHERE user_id IN (?, ?)', [inactive.id, invited.id]),
      ).toHaveLength(0);
    });

    it('should refuse an expired link', async () => {
      const student = await createUser(t, Role.Student);
      await askReset(student.email).expect(202);
      const token = tokenOf(resetLinkIn(await resetMailTo(student.email))!);
      await db().query('UPDATE password_resets SET expires_at = ? WHERE user_id = ?', [
        toDbTimestamp(new Date(Date.now() - 1000)),
        student.id,
      ]);
      expect((await confirm(token, NEW_PASSWORD).expect(400)).body.code).toBe('RESET_TOKEN_INVALID');
      await signIn(student.email, student.password).expect(200);
    });

    it('should make an earlier link stop working when a new one is sent, and not send twice within a minute', async () => {
      const student = await createUser(t, Role.Student);
      await askReset(student.email).expect(202);
      const first = tokenOf(resetLinkIn(await resetMailTo(student.email))!);
      await askReset(student.email).expect(202);
      expect(await db().query('SELECT id FROM password_resets WHERE user_id = ?', [student.id])).toHaveLength(1);

      await ageResets(student.id);
      await askReset(student.email).expect(202);
      const second = tokenOf(resetLinkIn(await resetMailTo(student.email, 2))!);
      expect(second).not.toBe(first);
      expect((await confirm(first, NEW_PASSWORD).expect(400)).body.code).toBe('RESET_TOKEN_INVALID');
      await confirm(second, NEW_PASSWORD).expect(204);
    });

    it('should refuse an unknown token and validate the body', async () => {
      expect((await confirm('x'.repeat(43), NEW_PASSWORD).expect(400)).body.code).toBe('RESET_TOKEN_INVALID');
      const bad = await api()
        .post('/api/v1/auth/password-reset')
        .send({ email: 'not-an-address', role: 'admin' })
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'role']);
    });
  });

  describe('password reset started by an admin', () => {
    it("should e-mail the person's own address, never show the link, audit it and tell the person", async () => {
      const student = await createUser(t, Role.Student);
      const session = await login(t, student);
      const res = await api()
        .post(`/api/v1/admin/users/${student.id}/password-reset`)
        .set(adminSession.auth)
        .expect(202);
      expect(Object.keys(res.body).sort()).toEqual(['expiresAt', 'sentTo']);
      expect(res.body.sentTo).toBe(student.email);
      expect(new Date(res.body.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(30 * 60_000);

      const mail = await resetMailTo(student.email);
      const token = tokenOf(resetLinkIn(mail)!);
      expect(mail.text).toContain('Ada Admin, an admin of your PeerPals programme');
      expect(mail.text).toContain('you can ignore it');
      expect(JSON.stringify(res.body)).not.toContain(token);
      const entries = await audit('user.password_reset_sent', student.id);
      expect(entries).toHaveLength(1);
      expect(JSON.stringify(entries)).not.toContain(token);
      expect(JSON.stringify(entries)).not.toContain('reset-password');

      const told = await eventually(async () =>
        (await notifications(session)).find((n) => n.type === 'account.password_reset_sent'),
      );
      expect(told.body).toContain('Ada Admin');
      // The reset e-mail is the only e-mail about it.
      expect(mailsTo(student.email).filter((m) => m.subject !== 'Reset your PeerPals password')).toHaveLength(0);

      // Sending does not change anything yet: the old password works until the person uses the link.
      await me(session).expect(200);
      await signIn(student.email, student.password).expect(200);
      await confirm(token, NEW_PASSWORD).expect(204);
      await me(session).expect(401);
    });

    it('should refuse an account that has not set a password (re-send the invitation) or is deactivated', async () => {
      const invited = await createUser(t, Role.Student, { password: null });
      const inactive = await createUser(t, Role.Student, { active: false });
      const notActivated = await api()
        .post(`/api/v1/admin/users/${invited.id}/password-reset`)
        .set(adminSession.auth)
        .expect(409);
      expect(notActivated.body).toMatchObject({
        code: 'PASSWORD_RESET_NOT_ALLOWED',
        reason: 'not_activated',
        detail: expect.stringContaining('invitation'),
      });
      expect(
        (await api().post(`/api/v1/admin/users/${inactive.id}/password-reset`).set(adminSession.auth).expect(409)).body
          .reason,
      ).toBe('inactive');
      await api()
        .post(`/api/v1/admin/users/00000000-0000-4000-8000-000000000000/password-reset`)
        .set(adminSession.auth)
        .expect(404);
    });

    it('should be for admins only', async () => {
      const student = await createUser(t, Role.Student);
      const other = await login(t, await createUser(t, Role.Mentor));
      await api().post(`/api/v1/admin/users/${student.id}/password-reset`).set(other.auth).expect(403);
      await api().post(`/api/v1/admin/users/${student.id}/password-reset`).expect(401);
    });
  });
});

describe('Password reset and password change rate limits (HTTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_ACCOUNT_PER_MINUTE: '3', RATE_LIMIT_AUTH_PER_MINUTE: '100' });
  });

  afterAll(async () => {
    await t.close();
  });

  const api = () => request(t.server);

  it('should throttle reset requests per address and confirmations per token', async () => {
    const ask = (email: string) => api().post('/api/v1/auth/password-reset').send({ email });
    for (let i = 0; i < 3; i++) await ask('target@test.example').expect(202);
    const limited = await ask('Target@test.example').expect(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    await ask('someone-else@test.example').expect(202);

    const confirm = (token: string) =>
      api().post('/api/v1/auth/password-reset/confirm').send({ token, password: NEW_PASSWORD });
    for (let i = 0; i < 3; i++) await confirm('y'.repeat(43)).expect(400);
    await confirm('y'.repeat(43)).expect(429);
  });

  it('should throttle wrong current passwords on POST /me/password per account, like sign-in', async () => {
    const user = await createUser(t, Role.Student);
    const bystander = await createUser(t, Role.Student);
    const [session, other] = [await login(t, user), await login(t, bystander)];
    const change = (s: Session, currentPassword: string) =>
      api().post('/api/v1/me/password').set(s.auth).send({ currentPassword, newPassword: NEW_PASSWORD });
    for (let i = 0; i < 3; i++) await change(session, `wrong-guess-number-${i}`).expect(400);
    const limited = await change(session, 'wrong-guess-number-3').expect(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another account from the same address has its own allowance.
    await change(other, 'wrong-guess-number-0').expect(400);
  });

  it('should not let a forged token spend the allowance of the account it names', async () => {
    const user = await createUser(t, Role.Student);
    const session = await login(t, user);
    const [header, payload] = session.accessToken.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    for (let i = 0; i < 3; i++)
      await api()
        .post('/api/v1/me/password')
        .set('Authorization', `Bearer ${forged}`)
        .send({ currentPassword: 'x', newPassword: NEW_PASSWORD })
        .expect(401);
    await api()
      .post('/api/v1/me/password')
      .set(session.auth)
      .send({ currentPassword: 'wrong-guess', newPassword: NEW_PASSWORD })
      .expect(400);
  });

  it('should refuse an admin reset when the server cannot send e-mail', async () => {
    const admin = await login(t, await createUser(t, Role.Admin));
    const student = await createUser(t, Role.Student);
    const res = await api().post(`/api/v1/admin/users/${student.id}/password-reset`).set(admin.auth).expect(409);
    expect(res.body.code).toBe('MAIL_NOT_CONFIGURED');
    expect(
      await t.app.get(DataSource).query('SELECT id FROM password_resets WHERE user_id = ?', [student.id]),
    ).toHaveLength(0);
  });
});
