import fc from 'fast-check';
import request from 'supertest';
import { Role } from '../../src/modules/users/role';
import { assign, createUser, login, Session, TestUser } from '../factories/users.factory';
import { listen, openStream, SseConnection } from '../utils/sse-client';
import { createTestApp, TestApp } from '../utils/test-app';

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
    author = await createUser(t, Role.Student, { email: 'zq-marker-7f3a@uni.example', displayName: 'Zyxwvut Markerperson' });
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
  const record = (who: string, where: string, res: request.Response) => seen.push({ who, where, text: `${JSON.stringify(res.headers)}\n${res.text}` });

  type Action =
    | { kind: 'thread'; audience: 'community' | 'mentors'; tag: string }
    | { kind: 'reply'; thread: number }
    | { kind: 'edit'; post: number }
    | { kind: 'delete'; post: number }
    | { kind: 'otherReply'; thread: number; who: 'otherStudent' | 'ownMentor' | 'otherMentor' }
    | { kind: 'report'; post: number; who: 'otherStudent' | 'otherMentor' }
    | { kind: 'accept'; thread: number };

  const action: fc.Arbitrary<Action> = fc.oneof(
    fc.record({ kind: fc.constant('thread' as const), audience: fc.constantFrom('community' as const, 'mentors' as const), tag: fc.constantFrom('exams', 'wellbeing', 'careers') }),
    fc.record({ kind: fc.constant('reply' as const), thread: fc.nat() }),
    fc.record({ kind: fc.constant('edit' as const), post: fc.nat() }),
    fc.record({ kind: fc.constant('delete' as const), post: fc.nat() }),
    fc.record({ kind: fc.constant('otherReply' as const), thread: fc.nat(), who: fc.constantFrom('otherStudent' as const, 'ownMentor' as const, 'otherMentor' as const) }),
    fc.record({ kind: fc.constant('report' as const), post: fc.nat(), who: fc.constantFrom('otherStudent' as const, 'otherMentor' as const) }),
    fc.record({ kind: fc.constant('accept' as const), thread: fc.nat() }),
  );

  const threads: { id: string; audience: string }[] = [];
  const posts: string[] = [];
  const mentorReplies = new Map<string, string>();

  async function perform(step: Action): Promise<void> {
    const pick = <T>(list: T[], n: number) => (list.length > 0 ? list[n % list.length] : undefined);
    switch (step.kind) {
      case 'thread': {
        const res = await api().post('/api/v1/discussions').set(a.auth).send({ title: `Worried about ${step.tag}`, body: `Anonymous question about ${step.tag}`, audience: step.audience, mode: 'anonymous', tags: [step.tag] });
        threads.push({ id: res.body.id, audience: step.audience });
        posts.push(res.body.opening.id);
        return;
      }
      case 'reply': {
        const thread = pick(threads, step.thread);
        if (!thread) return;
        const res = await api().post(`/api/v1/discussions/${thread.id}/posts`).set(a.auth).send({ body: 'More detail, anonymously', mode: 'anonymous' });
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
        const res = await api().post(`/api/v1/discussions/${thread.id}/posts`).set(observers[step.who].auth).send({ body: `Reply from ${step.who}`, mode: 'normal' });
        record(step.who, 'reply response', res);
        if (res.status === 201 && step.who !== 'otherStudent') mentorReplies.set(thread.id, res.body.id);
        return;
      }
      case 'report': {
        const post = pick(posts, step.post);
        if (post) record(step.who, 'report response', await api().post(`/api/v1/posts/${post}/report`).set(observers[step.who].auth).send({ reason: 'Please check' }));
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
    process.stdout.write(`anonymity leak scan seed: ${seed}\n`);
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 5 }), async (steps) => {
        for (const step of steps) await perform(step);
      }),
      { numRuns: 200, seed },
    );
    expect(threads.length).toBeGreaterThan(0);

    for (const [who, session] of Object.entries(observers)) {
      const get = async (path: string, query: Record<string, string> = {}) => record(who, path, await api().get(path).query(query).set(session.auth));
      for (const q of [{}, { unanswered: 'true' }, { tag: 'exams' }, { audience: 'mentors' }, { q: 'anonymous' }, { q: 'Markerperson' }, { limit: '100' }] as Record<string, string>[]) await get('/api/v1/discussions', q);
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
    streams.forEach((stream, i) => seen.push({ who: Object.keys(observers)[i], where: 'event stream', text: stream.messages.map((m) => m.data).join('\n') }));

    const markers = [author.id, author.email, 'zq-marker-7f3a', 'Zyxwvut', 'Markerperson'];
    const leaks = seen.flatMap((s) => markers.filter((marker) => s.text.includes(marker)).map((marker) => `${s.who} ${s.where}: ${marker}`));
    expect(leaks).toEqual([]);
    // The scan really looked at content (a scan of nothing would pass trivially).
    expect(seen.filter((s) => s.text.includes('Anonymous ')).length).toBeGreaterThan(10);
    expect(seen.some((s) => s.where === 'event stream' && s.text.includes('"type"'))).toBe(true);
  }, 120_000);

  it('should answer the same action by two anonymous authors in the same shape', async () => {
    const one = await login(t, await createUser(t, Role.Student));
    const two = await login(t, await createUser(t, Role.Student));
    const post = (session: Session) =>
      api().post('/api/v1/discussions').set(session.auth).send({ title: 'Same question', body: 'Same body', audience: 'community', mode: 'anonymous', tags: ['exams'] });
    const [r1, r2] = [await post(one), await post(two)];
    const viewAs = async (id: string) => (await api().get(`/api/v1/discussions/${id}`).set(observers['admin'].auth).expect(200)).body;
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
