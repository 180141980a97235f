import fc from 'fast-check';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DomainEvent, DomainEventBus } from '../../src/common/events/domain-event';
import { Role } from '../../src/common/auth/role';
import { assign, createUser, login, Session, TestUser } from '../factories/users.factory';
import { eventually, startSmtp } from '../utils/smtp-capture';
import { listen, openStream, SseConnection } from '../utils/sse-client';
import { createTestApp, TestApp } from '../utils/test-app';
import { reportFigures } from '../utils/figures';

/**
 * The anonymity promise, tested as an attacker would: an anonymous author with unique marker
 * values acts at random; every other actor then reads everything they can — every GET route,
 * their notifications and their live event streams — and no marker may appear anywhere.
 */
describe('Anonymity leak scan (HTTP)', () => {
  let t: TestApp;
  let baseUrl: string;
  let author: TestUser;
  let a: Session;
  const observers: Record<string, Session> = {};
  const streams: SseConnection[] = [];
  const seen: { who: string; where: string; text: string }[] = [];

  const seed = Number(process.env['LEAK_SCAN_SEED'] ?? Date.now() % 2_147_483_647);

  beforeAll(async () => {
    t = await createTestApp();
    baseUrl = await listen(t);
    author = await createUser(t, Role.Student, {
      email: 'zq-marker-7f3a@uni.example',
      displayName: 'Zyxwvut Markerperson',
    });
    const ownMentor = await createUser(t, Role.Mentor);
    await assign(t, author, ownMentor);
    a = await login(t, author);
    observers['otherStudent'] = await login(t, await createUser(t, Role.Student));
    observers['ownMentor'] = await login(t, ownMentor);
    observers['otherMentor'] = await login(t, await createUser(t, Role.Mentor));
    observers['admin'] = await login(t, await createUser(t, Role.Admin));
    for (const [who, session] of Object.entries(observers)) {
      const stream = await openStream(baseUrl, '/api/v1/events', { authorization: `Bearer ${session.accessToken}` });
      streams.push(stream);
      seen.push({ who, where: 'stream', text: '' });
    }
  });

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await t.close();
  });

  const api = () => request(t.server);
  const record = (who: string, where: string, res: request.Response) =>
    seen.push({ who, where, text: `${JSON.stringify(res.headers)}\n${res.text}` });

  type Action =
    | { kind: 'thread'; audience: 'community' | 'mentors'; tag: string }
    | { kind: 'reply'; thread: number }
    | { kind: 'edit'; post: number }
    | { kind: 'delete'; post: number }
    | { kind: 'otherReply'; thread: number; who: 'otherStudent' | 'ownMentor' | 'otherMentor' }
    | { kind: 'report'; post: number; who: 'otherStudent' | 'otherMentor' }
    | { kind: 'accept'; thread: number };

  const action: fc.Arbitrary<Action> = fc.oneof(
    fc.record({
      kind: fc.constant('thread' as const),
      audience: fc.constantFrom('community' as const, 'mentors' as const),
      tag: fc.constantFrom('exams', 'wellbeing', 'careers'),
    }),
    fc.record({ kind: fc.constant('reply' as const), thread: fc.nat() }),
    fc.record({ kind: fc.constant('edit' as const), post: fc.nat() }),
    fc.record({ kind: fc.constant('delete' as const), post: fc.nat() }),
    fc.record({
      kind: fc.constant('otherReply' as const),
      thread: fc.nat(),
      who: fc.constantFrom('otherStudent' as const, 'ownMentor' as const, 'otherMentor' as const),
    }),
    fc.record({
      kind: fc.constant('report' as const),
      post: fc.nat(),
      who: fc.constantFrom('otherStudent' as const, 'otherMentor' as const),
    }),
    fc.record({ kind: fc.constant('accept' as const), thread: fc.nat() }),
  );

  const threads: { id: string; audience: string }[] = [];
  const posts: string[] = [];
  const mentorReplies = new Map<string, string>();

  async function perform(step: Action): Promise<void> {
    const pick = <T>(list: T[], n: number) => (list.length > 0 ? list[n % list.length] : undefined);
    switch (step.kind) {
      case 'thread': {
        const res = await api()
          .post('/api/v1/discussions')
          .set(a.auth)
          .send({
            title: `Worried about ${step.tag}`,
            body: `Anonymous question about ${step.tag}`,
            audience: step.audience,
            mode: 'anonymous',
            tags: [step.tag],
          });
        threads.push({ id: res.body.id, audience: step.audience });
        posts.push(res.body.opening.id);
        return;
      }
      case 'reply': {
        const thread = pick(threads, step.thread);
        if (!thread) return;
        const res = await api()
          .post(`/api/v1/discussions/${thread.id}/posts`)
          .set(a.auth)
          .send({ body: 'More detail, anonymously', mode: 'anonymous' });
        if (res.status === 201) posts.push(res.body.id);
        return;
      }
      case 'edit': {
        const post = pick(posts, step.post);
        if (post) await api().patch(`/api/v1/posts/${post}`).set(a.auth).send({ body: 'Edited, still anonymous' });
        return;
      }
      case 'delete': {
        const post = pick(posts, step.post);
        if (post) await api().delete(`/api/v1/posts/${post}`).set(a.auth);
        return;
      }
      case 'otherReply': {
        const thread = pick(threads, step.thread);
        if (!thread) return;
        const res = await api()
          .post(`/api/v1/discussions/${thread.id}/posts`)
          .set(observers[step.who].auth)
          .send({ body: `Reply from ${step.who}`, mode: 'normal' });
        record(step.who, 'reply response', res);
        if (res.status === 201 && step.who !== 'otherStudent') mentorReplies.set(thread.id, res.body.id);
        return;
      }
      case 'report': {
        const post = pick(posts, step.post);
        if (post)
          record(
            step.who,
            'report response',
            await api()
              .post(`/api/v1/posts/${post}/report`)
              .set(observers[step.who].auth)
              .send({ reason: 'Please check' }),
          );
        return;
      }
      case 'accept': {
        const thread = pick(threads, step.thread);
        const reply = thread ? mentorReplies.get(thread.id) : undefined;
        if (reply) await api().post(`/api/v1/posts/${reply}/accept`).set(a.auth);
        return;
      }
    }
  }

  it('should leak no marker of the anonymous author to any other actor after 200 random sequences', async () => {
    reportFigures('anonymity-leak-scan', { seed, sequences: 200 }, `anonymity leak scan seed: ${seed}`);
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 5 }), async (steps) => {
        for (const step of steps) await perform(step);
      }),
      { numRuns: 200, seed },
    );
    expect(threads.length).toBeGreaterThan(0);

    for (const [who, session] of Object.entries(observers)) {
      const get = async (path: string, query: Record<string, string> = {}) =>
        record(who, path, await api().get(path).query(query).set(session.auth));
      for (const q of [
        {},
        { unanswered: 'true' },
        { tag: 'exams' },
        { audience: 'mentors' },
        { q: 'anonymous' },
        { q: 'Markerperson' },
        { limit: '100' },
      ] as Record<string, string>[])
        await get('/api/v1/discussions', q);
      for (const thread of threads) {
        await get(`/api/v1/discussions/${thread.id}`);
        await get(`/api/v1/discussions/${thread.id}/posts`, { limit: '100' });
      }
      await get('/api/v1/me/notifications', { limit: '100' });
      if (who === 'admin') {
        await get('/api/v1/admin/reports', { limit: '100' });
        await get('/api/v1/admin/reports', { limit: '100', status: 'resolved' });
        await get('/api/v1/admin/audit-log', { limit: '100' });
        await get('/api/v1/admin/reveal-requests');
      }
    }
    await new Promise((r) => setTimeout(r, 200));
    streams.forEach((stream, i) =>
      seen.push({
        who: Object.keys(observers)[i],
        where: 'event stream',
        text: stream.messages.map((m) => m.data).join('\n'),
      }),
    );

    const markers = [author.id, author.email, 'zq-marker-7f3a', 'Zyxwvut', 'Markerperson'];
    const leaks = seen.flatMap((s) =>
      markers.filter((marker) => s.text.includes(marker)).map((marker) => `${s.who} ${s.where}: ${marker}`),
    );
    expect(leaks).toEqual([]);
    // The scan really looked at content (a scan of nothing would pass trivially).
    expect(seen.filter((s) => s.text.includes('Anonymous ')).length).toBeGreaterThan(10);
    expect(seen.some((s) => s.where === 'event stream' && s.text.includes('"type"'))).toBe(true);
  }, 120_000);

  it('should answer the same action by two anonymous authors in the same shape', async () => {
    const one = await login(t, await createUser(t, Role.Student));
    const two = await login(t, await createUser(t, Role.Student));
    const post = (session: Session) =>
      api()
        .post('/api/v1/discussions')
        .set(session.auth)
        .send({ title: 'Same question', body: 'Same body', audience: 'community', mode: 'anonymous', tags: ['exams'] });
    const [r1, r2] = [await post(one), await post(two)];
    const viewAs = async (id: string) =>
      (await api().get(`/api/v1/discussions/${id}`).set(observers['admin'].auth).expect(200)).body;
    const normalise = (body: Record<string, unknown>) =>
      JSON.parse(
        JSON.stringify(body)
          .replace(/"[0-9a-f-]{36}"/g, '"<id>"')
          .replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '"<time>"')
          .replace(/Anonymous [A-Za-z]+/g, 'Anonymous <alias>')
          .replace(/"#[0-9a-f]{6}"/g, '"<colour>"'),
      );
    expect(normalise(r1.body)).toEqual(normalise(r2.body));
    expect(normalise(await viewAs(r1.body.id))).toEqual(normalise(await viewAs(r2.body.id)));
    expect(Object.keys(r1.headers).sort()).toEqual(Object.keys(r2.headers).sort());
  });
});

/**
 * Text that its author deleted or edited, or that moderators hid, must be gone from everything
 * derived from it: notifications, e-mail, the event log and its replay. Derived data refers to the
 * thread and copies no words at all, so there is nothing left to chase.
 */
describe('Discussion text in derived data (HTTP)', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let baseUrl: string;
  let author: TestUser;
  let a: Session;
  let replier: TestUser;
  let r: Session;
  let mentor: TestUser;
  let m: Session;
  let admin: Session;
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://mentoring.uni.example' });
    baseUrl = await listen(t);
    author = await createUser(t, Role.Student);
    a = await login(t, author);
    replier = await createUser(t, Role.Student);
    r = await login(t, replier);
    mentor = await createUser(t, Role.Mentor, { displayName: 'Dr. Distinctive Mentorname' });
    m = await login(t, mentor);
    admin = await login(t, await createUser(t, Role.Admin));
    t.app.get(DomainEventBus).subscribe((event) => {
      events.push(event);
    });
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const api = () => request(t.server);
  const anonymousThread = async (title: string, body = 'Opening words') =>
    (
      await api()
        .post('/api/v1/discussions')
        .set(a.auth)
        .send({ title, body, audience: 'community', mode: 'anonymous' })
        .expect(201)
    ).body as { id: string; opening: { id: string } };
  const reply = async (session: Session, threadId: string, body: string, mode: 'anonymous' | 'normal') =>
    (await api().post(`/api/v1/discussions/${threadId}/posts`).set(session.auth).send({ body, mode }).expect(201))
      .body as { id: string; author: { displayName: string } };
  const inbox = async (session: Session) =>
    (await api().get('/api/v1/me/notifications').query({ limit: '100' }).set(session.auth).expect(200)).body.items as {
      type: string;
      title: string;
      body: string;
      link: string;
    }[];
  const mailsTo = (user: TestUser) => smtp.mails.filter((x) => x.to === user.email);

  it("should keep a deleted, edited or hidden reply's words out of notifications, the event log, its replay and e-mail", async () => {
    const title = 'Title-marker-q8w7 about my flat';
    const thread = await anonymousThread(title);
    // A first notification: the replay later resumes after it.
    await reply(m, thread.id, 'Warm-up reply', 'normal');
    await eventually(async () => ((await inbox(a)).length > 0 ? true : undefined));
    const [{ id: resumeAfter }] = await t.app
      .get(DataSource)
      .query('SELECT MAX(id) AS id FROM event_log WHERE user_id = ?', [author.id]);
    const live = await openStream(baseUrl, '/api/v1/events', { authorization: `Bearer ${a.accessToken}` });
    const markers = ['Deleted-marker-3k1z', 'Edited-marker-9p2x', 'Hidden-marker-5m4c'];
    try {
      const posts: { id: string; author: { displayName: string } }[] = [];
      for (const marker of markers)
        posts.push(await reply(r, thread.id, `Anonymous reply: I am ${marker}, room 12B`, 'anonymous'));
      await eventually(async () => ((await inbox(a)).length >= 4 ? true : undefined));
      await eventually(() => (mailsTo(author).length >= 4 ? true : undefined));
      await live.waitFor(
        (x) => x.event === 'notification' && live.messages.filter((y) => y.event === 'notification').length >= 3,
        2000,
      );
      await api().delete(`/api/v1/posts/${posts[0].id}`).set(r.auth).expect(204);
      await api().patch(`/api/v1/posts/${posts[1].id}`).set(r.auth).send({ body: 'Nothing to see here' }).expect(200);
      await api().post(`/api/v1/admin/posts/${posts[2].id}/hide`).set(admin.auth).expect(200);

      const replay = await openStream(baseUrl, '/api/v1/events', {
        authorization: `Bearer ${a.accessToken}`,
        'last-event-id': String(resumeAfter),
      });
      await replay.waitFor(
        (x) => replay.messages.filter((y) => y.event === 'notification').length >= 3 && x.event === 'notification',
        2000,
      );
      replay.close();

      const places: Record<string, string> = {
        notifications: JSON.stringify(await inbox(a)),
        'event log': JSON.stringify(await t.app.get(DataSource).query('SELECT type, payload FROM event_log')),
        'live stream': live.messages.map((x) => x.data).join('\n'),
        replay: replay.messages.map((x) => x.data).join('\n'),
        'e-mail': mailsTo(author)
          .map((x) => `${x.subject}\n${x.text}\n${x.html}`)
          .join('\n'),
      };
      const leaks = Object.entries(places).flatMap(([where, text]) =>
        [...markers, 'room 12B', 'Title-marker-q8w7']
          .filter((marker) => text.includes(marker))
          .map((marker) => `${where}: ${marker}`),
      );
      expect(leaks).toEqual([]);
      // Every place did hold the reply notifications (a scan of nothing would pass trivially).
      for (const [where, text] of Object.entries(places))
        expect({ where, found: text.includes('New reply in one of your threads') }).toEqual({ where, found: true });
      const notes = (await inbox(a)).filter((n) => n.type === 'discussion.reply');
      expect(notes.map((n) => n.body)).toContain(`${posts[0].author.displayName} replied.`);
      expect(new Set(notes.map((n) => n.link))).toEqual(new Set([`/discussions/${thread.id}`]));
    } finally {
      live.close();
    }
  });

  it("should e-mail about an anonymous thread with neither its title, any post's text, a name nor the thread's address", async () => {
    const thread = await anonymousThread('Secret-title-7hq2 worries', 'Secret-opening-4ny6');
    const before = mailsTo(author).length;
    const named = await reply(m, thread.id, 'Mentor-words-8vb3', 'normal');
    const anonymous = await reply(r, thread.id, 'Student-words-2kd9', 'anonymous');
    const mails = (await eventually(() => (mailsTo(author).length >= before + 2 ? mailsTo(author) : undefined))).slice(
      before,
    );
    for (const mail of mails) {
      const text = `${mail.subject}\n${mail.text}\n${mail.html}`;
      for (const secret of [
        'Secret-title-7hq2',
        'Secret-opening-4ny6',
        'Mentor-words-8vb3',
        'Student-words-2kd9',
        thread.id,
        named.id,
        anonymous.id,
        mentor.displayName,
        anonymous.author.displayName,
        'Anonymous ',
      ]) {
        expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
      }
      expect(mail.subject).toBe('New reply in one of your threads');
      expect(mail.text).toContain('https://mentoring.uni.example');
    }
  });

  it("should keep anonymous authors' ids, thread titles and post text out of discussion events", async () => {
    events.length = 0;
    const thread = await anonymousThread('Event-title-6tz1', 'Event-opening-0pl5');
    await reply(r, thread.id, 'Event-reply-1ws8', 'anonymous');
    const mentorReply = await reply(m, thread.id, 'Event-mentor-3ed4', 'normal');
    await api().post(`/api/v1/posts/${mentorReply.id}/accept`).set(a.auth).expect(200);
    const discussionEvents = await eventually(() => {
      const found = events.filter((e) => e.type.startsWith('discussion.'));
      return found.length >= 3 ? found : undefined;
    });

    const anonymousReply = discussionEvents.find((e) => e.type === 'discussion.reply' && e.actorId !== mentor.id)!;
    expect(anonymousReply).toMatchObject({ actorId: null, audience: [author.id] });
    expect(discussionEvents.find((e) => e.type === 'discussion.reply' && e.actorId === mentor.id)).toBeDefined();
    const accepted = discussionEvents.find((e) => e.type === 'discussion.answer_accepted')!;
    expect(accepted).toMatchObject({ actorId: null, audience: [mentor.id] });
    const serialised = JSON.stringify(discussionEvents);
    expect(serialised).not.toContain(replier.id);
    expect(JSON.stringify(accepted)).not.toContain(author.id);
    for (const text of ['Event-title-6tz1', 'Event-opening-0pl5', 'Event-reply-1ws8', 'Event-mentor-3ed4'])
      expect({ text, found: serialised.includes(text) }).toEqual({ text, found: false });
    const mentorNote = await eventually(async () =>
      (await inbox(m)).find((n) => n.type === 'discussion.answer_accepted'),
    );
    expect(`${mentorNote.title} ${mentorNote.body}`).not.toContain('Event-title-6tz1');
  });
});
