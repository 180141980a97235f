import request from 'supertest';
import { Role } from '../../src/common/auth/role';
import { createUser, login, Session, TestUser } from '../factories/users.factory';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Thread pseudonyms ("Anonymous Heron") and the stand-ins for accounts the portal cannot name are
 * reserved: a person named like one could post as if they were an anonymous author.
 */
describe('Display names that pass for a pseudonym (HTTP)', () => {
  let t: TestApp;
  let admin: Session;
  let student: TestUser;
  let s: Session;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t, await createUser(t, Role.Admin));
    student = await createUser(t, Role.Student, { displayName: 'Plain Name' });
    s = await login(t, student);
  });

  afterAll(async () => {
    await t.close();
  });

  const api = () => request(t.server);
  const RESERVED = [
    'Anonymous Axolotl',
    'anonymous heron',
    'ANONYMOUS',
    'Anonymous\u00a0Otter',
    'Anonymous  Lynx',
    'Аnonymous Panda',
    'Ａｎｏｎｙｍｏｕｓ Wren',
    'Anony\u200bmous Fox',
    'Anonymous-Seal',
    'Former member',
    'former admin',
  ];
  const refusedOnDisplayName = (res: request.Response) => {
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['displayName']);
  };

  it.each(RESERVED)('should refuse %j as my display name', async (name) => {
    refusedOnDisplayName(await api().patch('/api/v1/me').set(s.auth).send({ displayName: name }));
    expect((await api().get('/api/v1/me').set(s.auth).expect(200)).body.displayName).toBe('Plain Name');
  });

  it('should still accept names that merely start like it', async () => {
    for (const name of ['Anonymously Yours', 'Anna Nymous', 'Anonymity Researcher']) {
      expect(
        (await api().patch('/api/v1/me').set(s.auth).send({ displayName: name }).expect(200)).body.displayName,
      ).toBe(name);
    }
  });

  it('should refuse pseudonym-like names from admins creating or renaming people', async () => {
    refusedOnDisplayName(
      await api()
        .post('/api/v1/admin/users')
        .set(admin.auth)
        .send({ email: 'new.person@uni.example', displayName: 'Anonymous Heron', role: 'student' }),
    );
    refusedOnDisplayName(
      await api().patch(`/api/v1/admin/users/${student.id}`).set(admin.auth).send({ displayName: 'Anonymous Heron' }),
    );
  });

  it('should report pseudonym-like names in a CSV import as row errors and import the rest', async () => {
    const csv = [
      'email,displayName,role',
      'ok.person@uni.example,Ok Person,student',
      'fake.alias@uni.example,Anonymous Heron,student',
      'fake.stand-in@uni.example,Former member,student',
      '',
    ].join('\n');
    const res = await api()
      .post('/api/v1/admin/users/import')
      .set(admin.auth)
      .set('content-type', 'text/csv')
      .send(csv)
      .expect(200);
    expect(res.body).toMatchObject({ created: 1, failed: 2 });
    const errors = res.body.rows.filter((row: { status: string }) => row.status === 'error');
    expect(errors.map((row: { line: number; reason: string }) => [row.line, row.reason])).toEqual([
      [3, expect.stringContaining('pseudonym')],
      [4, expect.stringContaining('pseudonym')],
    ]);
  });
});
