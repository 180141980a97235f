import request from 'supertest';
import { DataSource } from 'typeorm';
import { toDbTimestamp } from '../../src/database/database-options';
import { Role } from '../../src/common/auth/role';
import { assign, createUser, login, Session, TestUser } from '../factories/users.factory';
import { createTestApp, TestApp } from '../utils/test-app';

const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

describe('Onboarding and user administration (HTTP)', () => {
  let t: TestApp;
  let admin: TestUser;
  let adminSession: Session;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://mentoring.uni.example' });
    admin = await createUser(t, Role.Admin);
    adminSession = await login(t, admin);
  });

  afterAll(async () => {
    await t.close();
  });

  const api = () => request(t.server);
  const createViaApi = (body: object) => api().post('/api/v1/admin/users').set(adminSession.auth).send(body);
  const accept = (token: string, password: string) =>
    api().post('/api/v1/auth/invitations/accept').send({ token, password });

  describe('invitations', () => {
    it('should create a user with a one-time invitation that sets the password and signs in', async () => {
      const created = await createViaApi({
        email: ' New.Student@Uni.Example ',
        displayName: 'New Student',
        role: 'student',
      }).expect(201);
      expect(created.body.user).toMatchObject({
        email: 'new.student@uni.example',
        role: 'student',
        active: true,
        invitationPending: true,
        timeZone: 'UTC',
      });
      expect(created.body.invitationUrl).toMatch(
        /^https:\/\/mentoring\.uni\.example\/invitation\?token=[A-Za-z0-9_-]{43}$/,
      );
      const token = tokenOf(created.body.invitationUrl);

      const weak = await accept(token, 'password1234').expect(400);
      expect(weak.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'password', message: expect.stringContaining('common') }],
      });
      const short = await accept(token, 'short').expect(400);
      expect(short.body.errors[0].message).toContain('at least 12');

      const ok = await accept(token, 'my own long passphrase').expect(200);
      expect(ok.body.user.email).toBe('new.student@uni.example');
      await api().get('/api/v1/me').set('Authorization', `Bearer ${ok.body.accessToken}`).expect(200);

      const again = await accept(token, 'another long passphrase').expect(400);
      expect(again.body.code).toBe('INVITATION_INVALID');
      await login(t, { email: 'new.student@uni.example', password: 'my own long passphrase' });
    });

    it('should refuse an expired invitation', async () => {
      const created = await createViaApi({ email: 'late@uni.example', displayName: 'Late', role: 'mentor' }).expect(
        201,
      );
      await t.app
        .get(DataSource)
        .query('UPDATE invitations SET expires_at = ? WHERE user_id = ?', [
          toDbTimestamp(new Date(Date.now() - 1000)),
          created.body.user.id,
        ]);
      const res = await accept(tokenOf(created.body.invitationUrl), 'a perfectly fine passphrase').expect(400);
      expect(res.body.code).toBe('INVITATION_INVALID');
    });

    it('should make earlier links stop working when the invitation is re-issued', async () => {
      const created = await createViaApi({
        email: 'reissue@uni.example',
        displayName: 'Re Issue',
        role: 'student',
      }).expect(201);
      const reissued = await api()
        .post(`/api/v1/admin/users/${created.body.user.id}/invitation`)
        .set(adminSession.auth)
        .expect(201);
      expect(
        (await accept(tokenOf(created.body.invitationUrl), 'a perfectly fine passphrase').expect(400)).body.code,
      ).toBe('INVITATION_INVALID');
      await accept(tokenOf(reissued.body.invitationUrl), 'a perfectly fine passphrase').expect(200);
    });

    it('should refuse an unknown token', async () => {
      expect((await accept('x'.repeat(43), 'a perfectly fine passphrase').expect(400)).body.code).toBe(
        'INVITATION_INVALID',
      );
    });

    it('should refuse a second account with the same email in any case', async () => {
      await createViaApi({ email: 'twin@uni.example', displayName: 'Twin', role: 'student' }).expect(201);
      const res = await createViaApi({ email: 'TWIN@uni.example', displayName: 'Twin 2', role: 'student' }).expect(409);
      expect(res.body.code).toBe('EMAIL_TAKEN');
    });

    it('should validate the body and name every bad field', async () => {
      const res = await createViaApi({
        email: 'nope',
        displayName: '',
        role: 'wizard',
        timeZone: 'Mars/Olympus',
        id: 'x',
      }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'displayName',
        'email',
        'id',
        'role',
        'timeZone',
      ]);
    });
  });

  describe('listing and changing users', () => {
    it('should page through users with keyset cursors without repeats', async () => {
      for (let i = 0; i < 5; i++) await createUser(t, Role.Mentor, { displayName: `Pager Person ${i}` });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: request.Response = await api()
          .get('/api/v1/admin/users')
          .query({ search: 'pager person', limit: 2, ...(cursor ? { cursor } : {}) })
          .set(adminSession.auth)
          .expect(200);
        seen.push(...res.body.items.map((u: { displayName: string }) => u.displayName));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['Pager Person 4', 'Pager Person 3', 'Pager Person 2', 'Pager Person 1', 'Pager Person 0']);
    });

    it('should filter by role and active, and search by email', async () => {
      const inactive = await createUser(t, Role.Student, { active: false, email: 'sleepy_one@uni.example' });
      const res = await api()
        .get('/api/v1/admin/users')
        .query({ role: 'student', active: 'false' })
        .set(adminSession.auth)
        .expect(200);
      expect(res.body.items.map((u: { id: string }) => u.id)).toContain(inactive.id);
      expect(res.body.items.every((u: { role: string; active: boolean }) => u.role === 'student' && !u.active)).toBe(
        true,
      );
      const search = await api()
        .get('/api/v1/admin/users')
        .query({ search: 'sleepy_' })
        .set(adminSession.auth)
        .expect(200);
      expect(search.body.items.map((u: { id: string }) => u.id)).toEqual([inactive.id]);
    });

    it('should refuse a tampered cursor', async () => {
      const res = await api()
        .get('/api/v1/admin/users')
        .query({ cursor: 'not-a-cursor' })
        .set(adminSession.auth)
        .expect(400);
      expect(res.body.code).toBe('INVALID_CURSOR');
      // Well-formed but with a date that is not one: refused before it reaches a query.
      const crafted = Buffer.from(JSON.stringify(['not a date', '6f1c1c36-3b5e-4e59-9d0c-3d7d0b1b1b1b'])).toString(
        'base64url',
      );
      for (const path of [
        '/api/v1/admin/users',
        '/api/v1/sessions',
        '/api/v1/discussions',
        '/api/v1/me/notifications',
        '/api/v1/admin/audit-log',
      ]) {
        expect((await api().get(path).query({ cursor: crafted }).set(adminSession.auth).expect(400)).body.code).toBe(
          'INVALID_CURSOR',
        );
      }
    });

    it('should change capacity and quota override, and write the audit log', async () => {
      const mentor = await createUser(t, Role.Mentor);
      const res = await api()
        .patch(`/api/v1/admin/users/${mentor.id}`)
        .set(adminSession.auth)
        .send({ mentorCapacity: 3, quotaOverride: 6 })
        .expect(200);
      expect(res.body).toMatchObject({ mentorCapacity: 3, quotaOverride: 6 });
      const audit = await api()
        .get('/api/v1/admin/audit-log')
        .query({ targetId: mentor.id })
        .set(adminSession.auth)
        .expect(200);
      expect(audit.body.items[0]).toMatchObject({
        actorId: admin.id,
        actorName: admin.displayName,
        action: 'user.updated',
        targetType: 'user',
        targetId: mentor.id,
        details: { mentorCapacity: { from: null, to: 3 }, quotaOverride: { from: null, to: 6 } },
      });
    });

    it('should not let an admin demote or deactivate themselves', async () => {
      const res = await api()
        .patch(`/api/v1/admin/users/${admin.id}`)
        .set(adminSession.auth)
        .send({ active: false })
        .expect(409);
      expect(res.body.code).toBe('OWN_ACCOUNT');
    });

    it('should refuse a role change while the person has assignments', async () => {
      const student = await createUser(t, Role.Student);
      const mentor = await createUser(t, Role.Mentor);
      await assign(t, student, mentor);
      const res = await api()
        .patch(`/api/v1/admin/users/${student.id}`)
        .set(adminSession.auth)
        .send({ role: 'mentor' })
        .expect(409);
      expect(res.body.code).toBe('ROLE_CHANGE_BLOCKED');
    });

    it('should answer 404 for unknown and malformed ids', async () => {
      await api().get('/api/v1/admin/users/6f1c1c36-3b5e-4e59-9d0c-3d7d0b1b1b1b').set(adminSession.auth).expect(404);
      await api().get('/api/v1/admin/users/not-a-uuid').set(adminSession.auth).expect(404);
    });
  });

  describe('my profile', () => {
    it("should update display name, a valid time zone and bio, and reject others' fields", async () => {
      const user = await createUser(t, Role.Student);
      const session = await login(t, user);
      const ok = await api()
        .patch('/api/v1/me')
        .set(session.auth)
        .send({ displayName: 'Renamed', timeZone: 'America/New_York', bio: 'Hi' })
        .expect(200);
      expect(ok.body).toMatchObject({
        displayName: 'Renamed',
        timeZone: 'America/New_York',
        bio: 'Hi',
        role: 'student',
      });
      const tz = await api().patch('/api/v1/me').set(session.auth).send({ timeZone: 'Not/AZone' }).expect(400);
      expect(tz.body.errors[0].field).toBe('timeZone');
      const escalate = await api().patch('/api/v1/me').set(session.auth).send({ role: 'admin' }).expect(400);
      expect(escalate.body.errors).toEqual([{ field: 'role', message: 'role is not an accepted field' }]);
      expect((await api().get('/api/v1/me').set(session.auth).expect(200)).body.role).toBe('student');
    });
  });

  describe('CSV import', () => {
    const importCsv = (csv: string) =>
      api().post('/api/v1/admin/users/import').set(adminSession.auth).set('content-type', 'text/csv').send(csv);

    it('should create the good rows and report the bad ones with line numbers and reasons', async () => {
      const mentor = await createUser(t, Role.Mentor, { email: 'csv.mentor@uni.example', mentorCapacity: 1 });
      await createUser(t, Role.Student, { email: 'already@uni.example' });
      const csv = [
        'email,displayName,role,mentorEmail',
        'alpha@uni.example,Alpha,student,csv.mentor@uni.example',
        'not-an-email,Broken,student,',
        'already@uni.example,Exists,student,',
        'alpha@uni.example,Alpha again,student,',
        'beta@uni.example,Beta,wizard,',
        '"gamma@uni.example","Gamma, the Third",mentor,',
        'delta@uni.example,Delta,student,gamma@uni.example',
        'eps@uni.example,Eps,student,csv.mentor@uni.example',
        'zeta@uni.example,Zeta,student,nobody@uni.example',
      ].join('\r\n');
      const res = await importCsv(csv).expect(200);
      expect(res.body.created).toBe(3);
      expect(res.body.failed).toBe(6);
      const byLine = Object.fromEntries(res.body.rows.map((r: { line: number }) => [r.line, r]));
      expect(byLine[2]).toMatchObject({
        status: 'created',
        email: 'alpha@uni.example',
        invitationUrl: expect.stringContaining('/invitation?token='),
      });
      expect(byLine[3]).toMatchObject({ status: 'error', reason: expect.stringContaining('email') });
      expect(byLine[4]).toMatchObject({ status: 'error', reason: expect.stringContaining('already exists') });
      expect(byLine[5]).toMatchObject({ status: 'error', reason: 'duplicate of line 2' });
      expect(byLine[6]).toMatchObject({ status: 'error', reason: expect.stringContaining('role') });
      expect(byLine[7]).toMatchObject({ status: 'created', email: 'gamma@uni.example' });
      expect(byLine[8]).toMatchObject({ status: 'created', email: 'delta@uni.example' });
      expect(byLine[9]).toMatchObject({ status: 'error', reason: expect.stringContaining('MENTOR_AT_CAPACITY') });
      expect(byLine[10]).toMatchObject({ status: 'error', reason: expect.stringContaining('no mentor') });

      const gamma = await api()
        .get('/api/v1/admin/users')
        .query({ search: 'gamma@' })
        .set(adminSession.auth)
        .expect(200);
      expect(gamma.body.items[0].displayName).toBe('Gamma, the Third');
      const assignments = await api()
        .get('/api/v1/admin/assignments')
        .query({ mentorId: mentor.id })
        .set(adminSession.auth)
        .expect(200);
      expect(assignments.body.items.map((a: { student: { email: string } }) => a.student.email)).toEqual([
        'alpha@uni.example',
      ]);
      const failed = await api()
        .get('/api/v1/admin/users')
        .query({ search: 'eps@' })
        .set(adminSession.auth)
        .expect(200);
      expect(failed.body.items).toEqual([]);
    });

    it('should accept the same file as a multipart upload', async () => {
      const res = await api()
        .post('/api/v1/admin/users/import')
        .set(adminSession.auth)
        .attach('file', Buffer.from('email,displayName,role\nmulti@uni.example,Multi Part,student\n'), {
          filename: 'people.csv',
          contentType: 'text/csv',
        })
        .expect(200);
      expect(res.body).toMatchObject({ created: 1, failed: 0 });
    });

    it('should refuse a file without the header', async () => {
      const res = await importCsv('someone@uni.example,Someone,student').expect(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'file', message: expect.stringContaining('header') });
    });

    it('should import 5 000 rows in one go', async () => {
      const lines = ['email,displayName,role'];
      for (let i = 0; i < 5000; i++) lines.push(`bulk${i}@uni.example,Bulk Student ${i},student`);
      const res = await importCsv(lines.join('\n')).expect(200);
      expect(res.body).toMatchObject({ created: 5000, failed: 0 });
      const count = await t.app.get(DataSource).query("SELECT COUNT(*) AS n FROM users WHERE email LIKE 'bulk%'");
      expect(Number(count[0].n)).toBe(5000);
    }, 60_000);
  });
});
