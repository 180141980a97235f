import request from 'supertest';
import { Role } from '../../src/common/auth/role';
import { assign, createUser, login, Session, TestUser } from '../factories/users.factory';
import { createTestApp, TestApp } from '../utils/test-app';

describe('Discussions (HTTP)', () => {
  let t: TestApp;
  let student: TestUser;
  let s: Session;
  let other: Session;
  let mentor: TestUser;
  let m: Session;
  let admin: Session;
  let admin2: Session;
  let admin2User: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    student = await createUser(t, Role.Student, { displayName: 'Shy Student' });
    mentor = await createUser(t, Role.Mentor, { displayName: 'Dr. Helpful' });
    await assign(t, student, mentor);
    s = await login(t, student);
    other = await login(t, await createUser(t, Role.Student));
    m = await login(t, mentor);
    admin = await login(t, await createUser(t, Role.Admin));
    admin2User = await createUser(t, Role.Admin, { displayName: 'Second Admin' });
    admin2 = await login(t, admin2User);
  });

  afterAll(async () => {
    await t.close();
  });

  const api = () => request(t.server);
  const thread = (session: Session, body: object) =>
    api()
      .post('/api/v1/discussions')
      .set(session.auth)
      .send({
        title: 'Feeling lost in lectures',
        body: 'Is it normal?',
        audience: 'community',
        mode: 'anonymous',
        tags: ['wellbeing'],
        ...body,
      });

  it('should show an anonymous thread with a pseudonym and mark it mine only for the author', async () => {
    const created = await thread(s, {}).expect(201);
    expect(created.body).toMatchObject({
      mode: 'anonymous',
      mine: true,
      tags: ['wellbeing'],
      opening: { author: { kind: 'anonymous', isOriginalPoster: true }, mine: true },
    });
    expect(created.body.opening.author.displayName).toMatch(/^Anonymous [A-Z][a-z]+$/);
    expect(created.body.opening.author).not.toHaveProperty('userId');
    const seen = await api().get(`/api/v1/discussions/${created.body.id}`).set(other.auth).expect(200);
    expect(seen.body).toMatchObject({
      mine: false,
      opening: { mine: false, author: { displayName: created.body.opening.author.displayName } },
    });
    const asAdmin = await api().get(`/api/v1/discussions/${created.body.id}`).set(admin.auth).expect(200);
    expect(JSON.stringify(asAdmin.body)).not.toContain(student.id);
    expect(JSON.stringify(asAdmin.body)).not.toContain('Shy Student');
  });

  it('should keep pseudonyms stable within a thread and different across threads', async () => {
    const names = new Set<string>();
    let sameThread: string | undefined;
    for (let i = 0; i < 6; i++) {
      const created = await thread(s, { title: `Question number ${i}` }).expect(201);
      names.add(created.body.opening.author.displayName);
      const reply = await api()
        .post(`/api/v1/discussions/${created.body.id}/posts`)
        .set(s.auth)
        .send({ body: 'Adding detail', mode: 'anonymous' })
        .expect(201);
      expect(reply.body.author).toMatchObject({
        displayName: created.body.opening.author.displayName,
        isOriginalPoster: true,
      });
      sameThread = created.body.id;
    }
    expect(names.size).toBeGreaterThan(1);
    const otherReply = await api()
      .post(`/api/v1/discussions/${sameThread}/posts`)
      .set(other.auth)
      .send({ body: 'Me too', mode: 'anonymous' })
      .expect(201);
    expect(otherReply.body.author.isOriginalPoster).toBe(false);
  });

  it('should not mark a named reply by an anonymous original poster as theirs, nor the reverse', async () => {
    const created = await thread(s, {}).expect(201);
    const named = await api()
      .post(`/api/v1/discussions/${created.body.id}/posts`)
      .set(s.auth)
      .send({ body: 'Signed reply', mode: 'normal' })
      .expect(201);
    expect(named.body.author).toMatchObject({ kind: 'user', displayName: 'Shy Student', isOriginalPoster: false });
  });

  it('should let only students post anonymously', async () => {
    const res = await thread(m, {}).expect(400);
    expect(res.body.errors[0].field).toBe('mode');
    await thread(m, { mode: 'normal' }).expect(201);
  });

  it('should show mentors-only threads to mentors, admins and the author only', async () => {
    const created = await thread(s, { audience: 'mentors' }).expect(201);
    await api().get(`/api/v1/discussions/${created.body.id}`).set(other.auth).expect(404);
    await api().get(`/api/v1/discussions/${created.body.id}/posts`).set(other.auth).expect(404);
    await api().get(`/api/v1/discussions/${created.body.id}`).set(m.auth).expect(200);
    await api().get(`/api/v1/discussions/${created.body.id}`).set(s.auth).expect(200);
    const listed = await api()
      .get('/api/v1/discussions')
      .query({ audience: 'mentors', limit: 100 })
      .set(other.auth)
      .expect(200);
    expect(listed.body.items.map((x: { id: string }) => x.id)).not.toContain(created.body.id);
    const own = await api().get('/api/v1/discussions').query({ limit: 100 }).set(s.auth).expect(200);
    expect(own.body.items.map((x: { id: string }) => x.id)).toContain(created.body.id);
  });

  it('should edit and delete own posts only, and sign an anonymous post one way', async () => {
    const created = await thread(s, {}).expect(201);
    const postId = created.body.opening.id;
    expect(
      (await api().patch(`/api/v1/posts/${postId}`).set(other.auth).send({ body: 'hijack' }).expect(403)).body.code,
    ).toBe('FORBIDDEN');
    const edited = await api()
      .patch(`/api/v1/posts/${postId}`)
      .set(s.auth)
      .send({ body: 'Edited text', title: 'A better title' })
      .expect(200);
    expect(edited.body).toMatchObject({ body: 'Edited text', editedAt: expect.any(String) });
    expect((await api().get(`/api/v1/discussions/${created.body.id}`).set(s.auth).expect(200)).body.title).toBe(
      'A better title',
    );
    const signed = await api().patch(`/api/v1/posts/${postId}`).set(s.auth).send({ mode: 'normal' }).expect(200);
    expect(signed.body.author).toMatchObject({ kind: 'user', displayName: 'Shy Student' });
    await api().patch(`/api/v1/posts/${postId}`).set(s.auth).send({ mode: 'anonymous' }).expect(400);

    const reply = await api()
      .post(`/api/v1/discussions/${created.body.id}/posts`)
      .set(s.auth)
      .send({ body: 'Oops', mode: 'anonymous' })
      .expect(201);
    await api().delete(`/api/v1/posts/${reply.body.id}`).set(other.auth).expect(403);
    await api().delete(`/api/v1/posts/${reply.body.id}`).set(s.auth).expect(204);
    const posts = await api().get(`/api/v1/discussions/${created.body.id}/posts`).set(other.auth).expect(200);
    expect(posts.body.items.find((p: { id: string }) => p.id === reply.body.id)).toMatchObject({
      deleted: true,
      body: null,
    });
  });

  it("should let the thread author accept a mentor's reply only, and notify the mentor", async () => {
    const created = await thread(s, {}).expect(201);
    const studentReply = await api()
      .post(`/api/v1/discussions/${created.body.id}/posts`)
      .set(other.auth)
      .send({ body: 'Try the library', mode: 'normal' })
      .expect(201);
    const mentorReply = await api()
      .post(`/api/v1/discussions/${created.body.id}/posts`)
      .set(m.auth)
      .send({ body: 'Talk to your tutor', mode: 'normal' })
      .expect(201);
    expect((await api().post(`/api/v1/posts/${studentReply.body.id}/accept`).set(s.auth).expect(409)).body.code).toBe(
      'NOT_A_MENTOR_REPLY',
    );
    await api().post(`/api/v1/posts/${mentorReply.body.id}/accept`).set(other.auth).expect(403);
    const accepted = await api().post(`/api/v1/posts/${mentorReply.body.id}/accept`).set(s.auth).expect(200);
    expect(accepted.body.isAcceptedAnswer).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    const inbox = await api().get('/api/v1/me/notifications').set(m.auth).expect(200);
    expect(inbox.body.items.map((n: { type: string }) => n.type)).toContain('discussion.answer_accepted');
    // The anonymous author got a reply notification naming repliers as they appear in the thread.
    const authorInbox = await api().get('/api/v1/me/notifications').set(s.auth).expect(200);
    expect(
      authorInbox.body.items.some(
        (n: { type: string; body: string }) => n.type === 'discussion.reply' && n.body.startsWith('Dr. Helpful'),
      ),
    ).toBe(true);
  });

  it('should filter unanswered threads and by tag and text, paging by cursor', async () => {
    const tagged = await thread(s, { title: 'Unique zebra crossing question', tags: ['zebra'] }).expect(201);
    const byTag = await api().get('/api/v1/discussions').query({ tag: 'zebra' }).set(other.auth).expect(200);
    expect(byTag.body.items.map((x: { id: string }) => x.id)).toEqual([tagged.body.id]);
    const unanswered = await api()
      .get('/api/v1/discussions')
      .query({ unanswered: 'true', limit: 100 })
      .set(m.auth)
      .expect(200);
    expect(unanswered.body.items.every((x: { replyCount: number }) => x.replyCount === 0)).toBe(true);
    expect(unanswered.body.items.map((x: { id: string }) => x.id)).toContain(tagged.body.id);
    const search = await api().get('/api/v1/discussions').query({ q: 'zebra' }).set(other.auth).expect(200);
    expect(search.body.items.map((x: { id: string }) => x.id)).toContain(tagged.body.id);
    const page1 = await api().get('/api/v1/discussions').query({ limit: 2 }).set(m.auth).expect(200);
    const page2 = await api()
      .get('/api/v1/discussions')
      .query({ limit: 2, cursor: page1.body.nextCursor })
      .set(m.auth)
      .expect(200);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[1].id);
  });

  it('should lock threads against replies and hide posts from everyone but admins', async () => {
    const created = await thread(s, {}).expect(201);
    await api().post(`/api/v1/admin/discussions/${created.body.id}/lock`).set(admin.auth).expect(200);
    expect(
      (
        await api()
          .post(`/api/v1/discussions/${created.body.id}/posts`)
          .set(other.auth)
          .send({ body: 'x', mode: 'normal' })
          .expect(409)
      ).body.code,
    ).toBe('THREAD_LOCKED');
    await api()
      .post(`/api/v1/posts/${created.body.opening.id}/report`)
      .set(other.auth)
      .send({ reason: 'Off topic' })
      .expect(204);
    const queue = await api().get('/api/v1/admin/reports').set(admin.auth).expect(200);
    const report = queue.body.items.find((r: { post: { id: string } }) => r.post.id === created.body.opening.id);
    expect(report).toMatchObject({ reason: 'Off topic', post: { author: { kind: 'anonymous' } } });
    await api().post(`/api/v1/admin/posts/${created.body.opening.id}/hide`).set(admin.auth).expect(200);
    expect(
      (await api().get(`/api/v1/discussions/${created.body.id}`).set(other.auth).expect(200)).body.opening,
    ).toMatchObject({ hidden: true, body: null });
    expect(
      (await api().get(`/api/v1/discussions/${created.body.id}`).set(admin.auth).expect(200)).body.opening.body,
    ).toBe('Is it normal?');
    await api().post(`/api/v1/admin/posts/${created.body.opening.id}/unhide`).set(admin.auth).expect(200);
  });

  it('should let admins hide a whole thread, title included: gone for others, marked hidden for its author, audited', async () => {
    const created = await thread(s, {
      title: 'Hidden-title-5ty7 flatmates',
      body: 'Hidden-body-2wq1',
      tags: ['hidetest'],
    }).expect(201);
    const id = created.body.id;
    await api()
      .post(`/api/v1/discussions/${id}/posts`)
      .set(m.auth)
      .send({ body: 'Hidden-reply-8uj3', mode: 'normal' })
      .expect(201);
    await api().post(`/api/v1/admin/discussions/${id}/hide`).set(other.auth).expect(403);
    const hidden = await api().post(`/api/v1/admin/discussions/${id}/hide`).set(admin.auth).expect(200);
    expect(hidden.body).toMatchObject({ id, hidden: true, title: 'Hidden-title-5ty7 flatmates' });
    const markers = ['Hidden-title-5ty7', 'Hidden-body-2wq1', 'Hidden-reply-8uj3', 'hidetest'];
    const withoutMarkers = (body: unknown) =>
      expect(markers.filter((marker) => JSON.stringify(body).includes(marker))).toEqual([]);

    for (const viewer of [other, m]) {
      expect((await api().get(`/api/v1/discussions/${id}`).set(viewer.auth).expect(404)).body.code).toBe('NOT_FOUND');
      await api().get(`/api/v1/discussions/${id}/posts`).set(viewer.auth).expect(404);
      await api()
        .post(`/api/v1/discussions/${id}/posts`)
        .set(viewer.auth)
        .send({ body: 'x', mode: 'normal' })
        .expect(404);
      for (const query of [
        { limit: 100 },
        { q: 'flatmates', limit: 100 },
        { tag: 'hidetest' },
        { unanswered: 'false', limit: 100 },
      ]) {
        const listed = await api().get('/api/v1/discussions').query(query).set(viewer.auth).expect(200);
        expect(listed.body.items.map((x: { id: string }) => x.id)).not.toContain(id);
        withoutMarkers(listed.body);
      }
    }

    const own = await api().get(`/api/v1/discussions/${id}`).set(s.auth).expect(200);
    expect(own.body).toMatchObject({
      hidden: true,
      mine: true,
      title: null,
      tags: [],
      opening: { body: null, mine: true },
    });
    const ownPosts = await api().get(`/api/v1/discussions/${id}/posts`).set(s.auth).expect(200);
    expect(ownPosts.body.items.map((p: { body: string | null }) => p.body)).toEqual([null]);
    const ownList = await api().get('/api/v1/discussions').query({ limit: 100 }).set(s.auth).expect(200);
    expect(ownList.body.items.find((x: { id: string }) => x.id === id)).toMatchObject({ hidden: true, title: null });
    [own.body, ownPosts.body, ownList.body].forEach(withoutMarkers);
    expect(
      (
        await api()
          .post(`/api/v1/discussions/${id}/posts`)
          .set(s.auth)
          .send({ body: 'x', mode: 'anonymous' })
          .expect(409)
      ).body.code,
    ).toBe('THREAD_HIDDEN');

    expect((await api().get(`/api/v1/discussions/${id}`).set(admin.auth).expect(200)).body).toMatchObject({
      hidden: true,
      title: 'Hidden-title-5ty7 flatmates',
      tags: ['hidetest'],
      opening: { body: 'Hidden-body-2wq1' },
    });
    expect(
      (await api().get('/api/v1/discussions').query({ tag: 'hidetest' }).set(admin.auth).expect(200)).body.items.map(
        (x: { id: string }) => x.id,
      ),
    ).toEqual([id]);
    const audit = await api().get('/api/v1/admin/audit-log').query({ targetId: id }).set(admin.auth).expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['thread.hidden']);

    expect((await api().post(`/api/v1/admin/discussions/${id}/unhide`).set(admin.auth).expect(200)).body.hidden).toBe(
      false,
    );
    expect((await api().get(`/api/v1/discussions/${id}`).set(other.auth).expect(200)).body).toMatchObject({
      hidden: false,
      title: 'Hidden-title-5ty7 flatmates',
    });
    expect(
      (await api().get('/api/v1/admin/audit-log').query({ targetId: id }).set(admin.auth).expect(200)).body.items
        .map((e: { action: string }) => e.action)
        .sort(),
    ).toEqual(['thread.hidden', 'thread.unhidden']);
  });

  it('should take many simultaneous replies to one thread without losing or failing any', async () => {
    const created = await thread(s, { mode: 'normal', title: 'Busy thread' }).expect(201);
    const writers = [s, other, m, admin];
    const replies = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        api()
          .post(`/api/v1/discussions/${created.body.id}/posts`)
          .set(writers[i % writers.length].auth)
          .send({ body: `Reply ${i}`, mode: 'normal' }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(24).fill(201));
    const page = await api().get(`/api/v1/discussions/${created.body.id}`).set(other.auth).expect(200);
    expect(page.body.replyCount).toBe(24);
  });

  it('should let an admin dismiss a report: the post stays visible, the report is resolved and audited', async () => {
    const created = await thread(s, { mode: 'normal', title: 'Exam tips wanted' }).expect(201);
    await api()
      .post(`/api/v1/posts/${created.body.opening.id}/report`)
      .set(other.auth)
      .send({ reason: 'I do not like it' })
      .expect(204);
    const open = await api().get('/api/v1/admin/reports').query({ limit: 100 }).set(admin.auth).expect(200);
    const report = open.body.items.find((r: { post: { id: string } }) => r.post.id === created.body.opening.id);
    expect(report.status).toBe('open');

    await api().post(`/api/v1/admin/reports/${report.id}/dismiss`).set(other.auth).expect(403);
    await api().post(`/api/v1/admin/reports/${report.id}/dismiss`).set(admin.auth).expect(204);
    await api().post(`/api/v1/admin/reports/${report.id}/dismiss`).set(admin2.auth).expect(204);
    expect(
      (await api().post(`/api/v1/admin/reports/${created.body.id}/dismiss`).set(admin.auth).expect(404)).body.code,
    ).toBe('REPORT_NOT_FOUND');

    const stillOpen = await api().get('/api/v1/admin/reports').query({ limit: 100 }).set(admin.auth).expect(200);
    expect(stillOpen.body.items.map((r: { id: string }) => r.id)).not.toContain(report.id);
    const resolved = await api()
      .get('/api/v1/admin/reports')
      .query({ status: 'resolved', limit: 100 })
      .set(admin.auth)
      .expect(200);
    expect(resolved.body.items.find((r: { id: string }) => r.id === report.id)).toMatchObject({
      status: 'resolved',
      post: { hidden: false },
    });
    expect(
      (await api().get(`/api/v1/discussions/${created.body.id}`).set(other.auth).expect(200)).body.opening,
    ).toMatchObject({ hidden: false, body: 'Is it normal?' });
    const audit = await api().get('/api/v1/admin/audit-log').query({ limit: 100 }).set(admin.auth).expect(200);
    const dismissals = audit.body.items.filter(
      (e: { action: string; targetId: string }) =>
        e.action === 'report.dismissed' && e.targetId === created.body.opening.id,
    );
    expect(dismissals).toHaveLength(1);
  });

  describe('break-glass reveal', () => {
    it('should need a second admin, reveal only to the two of them, audit both steps and tell the author', async () => {
      const created = await thread(s, {}).expect(201);
      const postId = created.body.opening.id;
      expect(
        (
          await api()
            .post(`/api/v1/admin/posts/${postId}/reveal-requests`)
            .set(admin.auth)
            .send({ reason: 'short' })
            .expect(400)
        ).body.code,
      ).toBe('VALIDATION_FAILED');
      const requested = await api()
        .post(`/api/v1/admin/posts/${postId}/reveal-requests`)
        .set(admin.auth)
        .send({ reason: 'Safeguarding concern reported by a tutor' })
        .expect(201);
      expect(requested.body).toMatchObject({ status: 'pending' });
      expect(requested.body).not.toHaveProperty('author');

      const self = await api()
        .post(`/api/v1/admin/reveal-requests/${requested.body.id}/approve`)
        .set(admin.auth)
        .expect(403);
      expect(self.body.code).toBe('REVEAL_NEEDS_SECOND_ADMIN');
      const approved = await api()
        .post(`/api/v1/admin/reveal-requests/${requested.body.id}/approve`)
        .set(admin2.auth)
        .expect(200);
      expect(approved.body).toMatchObject({
        status: 'approved',
        decidedByName: 'Second Admin',
        author: { id: student.id, displayName: 'Shy Student', email: student.email },
      });
      await api().post(`/api/v1/admin/reveal-requests/${requested.body.id}/approve`).set(admin2.auth).expect(409);

      const forRequester = await api().get('/api/v1/admin/reveal-requests').set(admin.auth).expect(200);
      expect(forRequester.body.items.find((r: { id: string }) => r.id === requested.body.id).author.id).toBe(
        student.id,
      );
      const third = await login(t, await createUser(t, Role.Admin));
      const forOthers = await api().get('/api/v1/admin/reveal-requests').set(third.auth).expect(200);
      expect(forOthers.body.items.find((r: { id: string }) => r.id === requested.body.id)).not.toHaveProperty('author');
      // Ordinary views stay anonymous even after a reveal.
      expect(
        JSON.stringify((await api().get(`/api/v1/discussions/${created.body.id}`).set(admin2.auth).expect(200)).body),
      ).not.toContain(student.id);

      const audit = await api().get('/api/v1/admin/audit-log').query({ targetId: postId }).set(admin.auth).expect(200);
      expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
        'reveal.approved',
        'reveal.requested',
      ]);
      expect(JSON.stringify(audit.body)).not.toContain(student.id);

      await new Promise((r) => setTimeout(r, 100));
      const inbox = await api().get('/api/v1/me/notifications').set(s.auth).expect(200);
      expect(inbox.body.items.find((n: { type: string }) => n.type === 'discussion.revealed').body).toContain(
        'Safeguarding concern',
      );
    });

    it('should refuse to reveal a post that is not anonymous', async () => {
      const named = await thread(s, { mode: 'normal' }).expect(201);
      expect(
        (
          await api()
            .post(`/api/v1/admin/posts/${named.body.opening.id}/reveal-requests`)
            .set(admin.auth)
            .send({ reason: 'Just curious about this one' })
            .expect(409)
        ).body.code,
      ).toBe('NOT_ANONYMOUS');
    });
  });
});
