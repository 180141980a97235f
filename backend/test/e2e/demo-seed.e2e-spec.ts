import request from 'supertest';
import { DEMO_PASSWORD, DemoSeeder } from '../../src/database/seed/demo-seeder';
import type { DemoSeedResult } from '../../src/database/seed/demo-seeder';
import { createTestApp, TestApp } from '../utils/test-app';

describe('Demo programme', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const signIn = async (local: string) => {
    const res = await request(t.server)
      .post('/api/v1/auth/login')
      .send({ email: `${local}@demo.peerpals.test`, password: DEMO_PASSWORD })
      .expect(200);
    return { Authorization: `Bearer ${res.body.accessToken}` };
  };

  let seeded: DemoSeedResult | null;

  it('should load once, with discussion threads in both modes that keep anonymous authors hidden', async () => {
    seeded = await t.app.get(DemoSeeder).seedIfEmpty();
    expect(seeded).not.toBeNull();
    expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBeNull();

    const mentor = await signIn('mentor1');
    const board = await request(t.server).get('/api/v1/discussions').query({ limit: 100 }).set(mentor).expect(200);
    const modes = board.body.items.map((x: { mode: string }) => x.mode);
    expect(modes).toEqual(expect.arrayContaining(['anonymous', 'normal']));
    expect(board.body.items.some((x: { replyCount: number }) => x.replyCount > 0)).toBe(true);
    expect(board.body.items.some((x: { audience: string }) => x.audience === 'mentors')).toBe(true);

    // student1 asked anonymously; their own mentor sees a pseudonym and nothing of theirs.
    const anonymous = board.body.items.find((x: { title: string }) => x.title.startsWith('How do I ask a question'));
    const thread = await request(t.server).get(`/api/v1/discussions/${anonymous.id}`).set(mentor).expect(200);
    expect(thread.body.opening.author).toMatchObject({ kind: 'anonymous', isOriginalPoster: true });
    expect(thread.body.acceptedPostId).toEqual(expect.any(String));
    const seen = JSON.stringify(board.body) + JSON.stringify(thread.body);
    expect(seen).not.toContain('Aisha Rahman');
    expect(seen).not.toContain('student1@');

    const author = await signIn('student1');
    const mine = await request(t.server).get(`/api/v1/discussions/${anonymous.id}`).set(author).expect(200);
    expect(mine.body.mine).toBe(true);

    // The mentors-only thread is not on a student's board.
    const student = await signIn('student2');
    const studentBoard = await request(t.server)
      .get('/api/v1/discussions')
      .query({ limit: 100 })
      .set(student)
      .expect(200);
    expect(studentBoard.body.items.every((x: { audience: string }) => x.audience === 'community')).toBe(true);
  });

  it('should have two independent admins, both printed, who can complete a reveal end to end', async () => {
    const admins = seeded!.signIns.filter((s) => s.role === 'admin').map((s) => s.email);
    expect(admins).toEqual(['admin@demo.peerpals.test', 'admin2@demo.peerpals.test']);
    const printed = DemoSeeder.describe(seeded!, 'http://localhost:3000');
    for (const email of admins) expect(printed).toContain(email);

    const [asker, approver] = [await signIn('admin'), await signIn('admin2')];
    const board = await request(t.server).get('/api/v1/discussions').query({ limit: 100 }).set(asker).expect(200);
    const anonymous = board.body.items.find((x: { title: string }) => x.title.startsWith('How do I ask a question'));
    const requested = await request(t.server)
      .post(`/api/v1/admin/posts/${anonymous.opening.id}/reveal-requests`)
      .set(asker)
      .send({ reason: 'Showing the two-admin reveal on the demo' })
      .expect(201);
    const approved = await request(t.server)
      .post(`/api/v1/admin/reveal-requests/${requested.body.id}/approve`)
      .set(approver)
      .expect(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      author: { displayName: 'Aisha Rahman', email: 'student1@demo.peerpals.test' },
    });
  });
});
