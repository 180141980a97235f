import request from 'supertest';
import { DomainEventBus } from '../../src/common/events/domain-event';
import { NotificationsService } from '../../src/modules/notifications/notifications.service';
import { Role } from '../../src/common/auth/role';
import { UsersRepository } from '../../src/modules/users/users.repository';
import { UsersService } from '../../src/modules/users/users.service';
import { createUser, DEFAULT_PASSWORD, login, Session, TestUser } from '../factories/users.factory';
import { createTestApp, TestApp } from '../utils/test-app';

const DAY_MS = 86_400_000;

interface Admin {
  user: TestUser;
  session: Session;
}

describe('Two-admin reveal needs independent admins (HTTP)', () => {
  let t: TestApp;
  let author: TestUser;
  let authorSession: Session;
  let asker: Admin;
  let other: Admin;
  let made = 0;

  beforeAll(async () => {
    t = await createTestApp();
    author = await createUser(t, Role.Student, { displayName: 'Quiet Student' });
    authorSession = await login(t, author);
    asker = await cliAdmin('Asking Admin');
    other = await cliAdmin('Other Admin');
  });

  afterAll(async () => {
    await t.close();
  });

  const api = () => request(t.server);

  async function cliAdmin(displayName: string): Promise<Admin> {
    const user = await createUser(t, Role.Admin, { displayName });
    return { user, session: await login(t, user) };
  }

  /** An admin made in the portal by `maker`, who accepted the invitation link (`POST /admin/users`, then the link). */
  async function portalAdmin(
    maker: Admin,
    displayName = `Portal Admin ${++made}`,
  ): Promise<Admin & { invitationUrl: string }> {
    const email = `portal${++made}.${process.pid}@test.example`;
    const created = await api()
      .post('/api/v1/admin/users')
      .set(maker.session.auth)
      .send({ email, displayName, role: 'admin' })
      .expect(201);
    await acceptInvitation(created.body.invitationUrl);
    const user: TestUser = {
      id: created.body.user.id,
      email,
      password: DEFAULT_PASSWORD,
      role: Role.Admin,
      displayName,
    };
    return { user, session: await login(t, user), invitationUrl: created.body.invitationUrl };
  }

  async function acceptInvitation(url: string): Promise<void> {
    await api()
      .post('/api/v1/auth/invitations/accept')
      .send({ token: new URL(url).searchParams.get('token'), password: DEFAULT_PASSWORD })
      .expect(200);
  }

  /** Moves the moment the account became admin into the past, as if that many days had gone by. */
  async function madeAdminDaysAgo(admin: Admin, days: number): Promise<void> {
    await t.app.get(UsersRepository).update(admin.user.id, { adminSince: new Date(Date.now() - days * DAY_MS) });
  }

  async function anonymousPost(): Promise<string> {
    const res = await api()
      .post('/api/v1/discussions')
      .set(authorSession.auth)
      .send({ title: 'Something I cannot say openly', body: 'Please help', audience: 'community', mode: 'anonymous' })
      .expect(201);
    return res.body.opening.id;
  }

  const askReveal = (admin: Admin, postId: string) =>
    api()
      .post(`/api/v1/admin/posts/${postId}/reveal-requests`)
      .set(admin.session.auth)
      .send({ reason: 'A tutor reported a safeguarding concern' });

  async function pendingReveal(by: Admin = asker): Promise<string> {
    const res = await askReveal(by, await anonymousPost()).expect(201);
    return res.body.id;
  }

  const approve = (admin: Admin, id: string) =>
    api().post(`/api/v1/admin/reveal-requests/${id}/approve`).set(admin.session.auth);

  async function expectRefused(res: request.Test, reason: string, detail: RegExp): Promise<request.Response> {
    const refused = await res.expect(409);
    expect(refused.body).toMatchObject({ code: 'REVEAL_APPROVER_NOT_INDEPENDENT', status: 409, reason });
    expect(refused.body.detail).toMatch(detail);
    expect(JSON.stringify(refused.body)).not.toContain(author.id);
    return refused;
  }

  async function statusOf(id: string): Promise<string> {
    const list = await api()
      .get('/api/v1/admin/reveal-requests')
      .query({ limit: 100 })
      .set(other.session.auth)
      .expect(200);
    return list.body.items.find((r: { id: string }) => r.id === id).status;
  }

  it('should refuse the sock puppet: an admin the asker just created and invited cannot approve', async () => {
    const id = await pendingReveal();
    const puppet = await portalAdmin(asker);

    await expectRefused(approve(puppet, id), 'created_by_requester', /created by the admin who asked/);
    // Waiting does not help: the asker made this account.
    await madeAdminDaysAgo(puppet, 30);
    await expectRefused(approve(puppet, id), 'created_by_requester', /created by the admin who asked/);
    expect(await statusOf(id)).toBe('pending');
  });

  it('should refuse an admin the asker promoted, however long ago', async () => {
    const mentor = await createUser(t, Role.Mentor);
    await api().patch(`/api/v1/admin/users/${mentor.id}`).set(asker.session.auth).send({ role: 'admin' }).expect(200);
    const promoted = { user: mentor, session: await login(t, mentor) };
    const id = await pendingReveal();

    await expectRefused(approve(promoted, id), 'made_admin_by_requester', /made admin by the admin who asked/);
    await madeAdminDaysAgo(promoted, 30);
    await expectRefused(approve(promoted, id), 'made_admin_by_requester', /made admin by the admin who asked/);
  });

  it('should refuse an admin whose invitation came from the asker, even though another admin created them', async () => {
    const email = `invited.${process.pid}@test.example`;
    const created = await api()
      .post('/api/v1/admin/users')
      .set(other.session.auth)
      .send({ email, displayName: 'Invited Admin', role: 'admin' })
      .expect(201);
    const reissued = await api()
      .post(`/api/v1/admin/users/${created.body.user.id}/invitation`)
      .set(asker.session.auth)
      .expect(201);
    await acceptInvitation(reissued.body.invitationUrl);
    const invited = {
      user: {
        id: created.body.user.id,
        email,
        password: DEFAULT_PASSWORD,
        role: Role.Admin,
        displayName: 'Invited Admin',
      },
      session: await login(t, { email, password: DEFAULT_PASSWORD }),
    };
    await madeAdminDaysAgo(invited, 8);

    await expectRefused(
      approve(invited, await pendingReveal()),
      'invited_by_requester',
      /invited by the admin who asked/,
    );
  });

  it('should let an admin made by another admin approve once 7 days have passed, not before', async () => {
    const colleague = await portalAdmin(other, 'Colleague Admin');
    const id = await pendingReveal();

    const early = await expectRefused(
      approve(colleague, id),
      'recently_made_admin',
      /made admin less than 7 days ago by another admin/,
    );
    expect(new Date(early.body.eligibleFrom).getTime()).toBeGreaterThan(Date.now() + 6 * DAY_MS);

    await madeAdminDaysAgo(colleague, 8);
    const approved = await approve(colleague, id).expect(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decidedByName: 'Colleague Admin',
      author: { id: author.id, displayName: 'Quiet Student' },
    });
  });

  it('should judge admins by when and by whom they were made, as recorded', async () => {
    const byOther = await createUser(t, Role.Admin, {
      madeAdmin: { by: other.user, at: new Date(Date.now() - 8 * DAY_MS) },
    });
    const byAsker = await createUser(t, Role.Admin, {
      madeAdmin: { by: asker.user, at: new Date(Date.now() - 30 * DAY_MS) },
    });

    await expectRefused(
      approve({ user: byAsker, session: await login(t, byAsker) }, await pendingReveal()),
      'made_admin_by_requester',
      /made admin by the admin who asked/,
    );
    await approve({ user: byOther, session: await login(t, byOther) }, await pendingReveal()).expect(200);
  });

  it('should let an admin made with the CLI approve at once', async () => {
    const email = `cli-made.${process.pid}@test.example`;
    const account = await t.app.get(UsersService).createAdmin(email, 'Operator Admin', 'a-long-operator-passphrase');
    const operator = {
      user: {
        id: account.id,
        email,
        password: 'a-long-operator-passphrase',
        role: Role.Admin,
        displayName: 'Operator Admin',
      },
      session: await login(t, { email, password: 'a-long-operator-passphrase' }),
    };

    const approved = await approve(operator, await pendingReveal()).expect(200);
    expect(approved.body.author.id).toBe(author.id);
  });

  it('should not let a newly made admin ask for a reveal', async () => {
    const newcomer = await portalAdmin(other);
    const postId = await anonymousPost();

    await expectRefused(
      askReveal(newcomer, postId),
      'recently_made_admin',
      /You cannot ask for a reveal: you were made admin less than 7 days ago by another admin/,
    );
    const mine = await api()
      .get('/api/v1/admin/reveal-requests')
      .query({ limit: 100 })
      .set(newcomer.session.auth)
      .expect(200);
    expect(mine.body.items.filter((r: { postId: string }) => r.postId === postId)).toEqual([]);

    await madeAdminDaysAgo(newcomer, 8);
    await askReveal(newcomer, postId).expect(201);
  });

  it('should refuse to approve a request whose asker has been deactivated since', async () => {
    const leaver = await cliAdmin('Leaving Admin');
    const id = await pendingReveal(leaver);
    await api()
      .patch(`/api/v1/admin/users/${leaver.user.id}`)
      .set(other.session.auth)
      .send({ active: false })
      .expect(200);

    await expectRefused(approve(other, id), 'not_an_active_admin', /the admin who asked was deactivated/);
  });

  it('should still answer REVEAL_NEEDS_SECOND_ADMIN when the asker approves their own request', async () => {
    const res = await approve(asker, await pendingReveal()).expect(403);
    expect(res.body.code).toBe('REVEAL_NEEDS_SECOND_ADMIN');
  });

  describe('announcing every new admin', () => {
    const settle = () => t.app.get(DomainEventBus).settled();

    async function announcementAbout(
      userId: string,
      displayName: string,
    ): Promise<{ title: string; body: string } | undefined> {
      const inbox = await t.app.get(NotificationsService).list(userId, { limit: 100 });
      return inbox.items.find((n) => n.type === 'user.made_admin' && n.body.includes(displayName));
    }

    it('should tell every active admin, the maker and the new admin included, name who made them, and audit it', async () => {
      const watcher = await cliAdmin('Watching Admin');
      const away = await createUser(t, Role.Admin, { displayName: 'Deactivated Admin', active: false });

      const newcomer = await portalAdmin(asker, 'Announced Admin');
      await settle();

      for (const admin of [other, watcher]) {
        const told = await announcementAbout(admin.user.id, 'Announced Admin');
        expect(told).toMatchObject({ title: 'New admin: Announced Admin' });
        expect(told!.body).toContain(`Announced Admin (${newcomer.user.email}) was made an admin by Asking Admin`);
      }
      expect((await announcementAbout(asker.user.id, 'Announced Admin'))!.body).toContain('was made an admin by you');
      expect(
        (await t.app.get(NotificationsService).list(newcomer.user.id, { limit: 100 })).items.map((n) => n.title),
      ).toContain('You are now an admin');
      expect(await announcementAbout(away.id, 'Announced Admin')).toBeUndefined();

      const inbox = await api().get('/api/v1/me/notifications').set(watcher.session.auth).expect(200);
      expect(inbox.body.items.map((n: { type: string }) => n.type)).toContain('user.made_admin');

      const audit = await api()
        .get('/api/v1/admin/audit-log')
        .query({ action: 'user.made_admin', targetId: newcomer.user.id })
        .set(watcher.session.auth)
        .expect(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          actorId: asker.user.id,
          actorName: 'Asking Admin',
          targetType: 'user',
          details: { via: 'admin' },
        }),
      ]);
    });

    it('should announce promotions, CSV imports and admins made with the CLI as well', async () => {
      const mentor = await createUser(t, Role.Mentor, { displayName: 'Promoted Mentor' });
      await api().patch(`/api/v1/admin/users/${mentor.id}`).set(asker.session.auth).send({ role: 'admin' }).expect(200);
      const csv = `email,displayName,role\nimported-admin.${process.pid}@test.example,Imported Admin,admin\nimported-student.${process.pid}@test.example,Imported Student,student\n`;
      await api()
        .post('/api/v1/admin/users/import')
        .set(asker.session.auth)
        .set('Content-Type', 'text/csv')
        .send(csv)
        .expect(200);
      await t.app
        .get(UsersService)
        .createAdmin(`cli-announced.${process.pid}@test.example`, 'Console Admin', 'a-long-operator-passphrase');
      await settle();

      expect((await announcementAbout(other.user.id, 'Promoted Mentor'))!.body).toContain(
        'was made an admin by Asking Admin',
      );
      expect((await announcementAbout(other.user.id, 'Imported Admin'))!.body).toContain(
        'was made an admin by Asking Admin',
      );
      expect(await announcementAbout(other.user.id, 'Imported Student')).toBeUndefined();
      for (const admin of [asker, other]) {
        expect((await announcementAbout(admin.user.id, 'Console Admin'))!.body).toContain(
          "was made an admin on the server's command line",
        );
      }
      const audit = await api()
        .get('/api/v1/admin/audit-log')
        .query({ action: 'user.made_admin', limit: 100 })
        .set(other.session.auth)
        .expect(200);
      const promotion = audit.body.items.find((e: { targetId: string }) => e.targetId === mentor.id);
      expect(promotion).toMatchObject({ actorId: asker.user.id, details: { via: 'admin' } });
      expect(
        audit.body.items.some(
          (e: { actorId: string | null; details: { via: string } }) => e.actorId === null && e.details.via === 'cli',
        ),
      ).toBe(true);
    });
  });
});
