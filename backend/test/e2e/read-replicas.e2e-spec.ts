import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/env';
import { databaseOptions } from '../../src/database/database-options';
import { Role } from '../../src/common/auth/role';
import { assign, createUser, login } from '../factories/users.factory';
import { createTestApp, TestApp } from '../utils/test-app';
import { createTestDatabase, TestDatabase, testDatabaseKind } from '../utils/test-database';

/**
 * DATABASE_REPLICA_URLS points at a second, empty database standing in for a replica that lags
 * behind: what is read from it shows up as missing data, so the test sees which queries go where.
 */
(testDatabaseKind() === 'mysql' ? describe : describe.skip)('Read replicas (HTTP, MySQL only)', () => {
  let t: TestApp;
  let replica: TestDatabase;

  beforeAll(async () => {
    replica = await createTestDatabase('mysql');
    const migrator = new DataSource(databaseOptions(loadConfig({ DATABASE_URL: replica.url }).database));
    await migrator.initialize();
    await migrator.runMigrations({ transaction: 'each' });
    await migrator.destroy();
    t = await createTestApp({ DATABASE_REPLICA_URLS: replica.url }, 'mysql');
  });

  afterAll(async () => {
    await t?.close();
    await replica?.drop();
  });

  it('should send writes, sign-in and reads right after a write to the primary', async () => {
    expect((t.app.get(DataSource).options as { replication?: unknown }).replication).toBeDefined();
    const [student, mentor, adminUser] = [
      await createUser(t, Role.Student),
      await createUser(t, Role.Mentor),
      await createUser(t, Role.Admin),
    ];
    await assign(t, student, mentor);
    const s = await login(t, student);
    const created = await request(t.server)
      .post('/api/v1/mentoring-requests')
      .set(s.auth)
      .send({ mentorId: mentor.id, topic: 'Replica', message: 'Hello' })
      .expect(201);
    await request(t.server).get(`/api/v1/mentoring-requests/${created.body.id}`).set(s.auth).expect(200);
    const admin = await login(t, adminUser);
    const list = await request(t.server).get('/api/v1/mentoring-requests?status=pending').set(admin.auth).expect(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([created.body.id]);
    await request(t.server).get('/api/v1/me/quota').set(s.auth).expect(200);
  });

  it('should read the admin overview counters from a replica', async () => {
    const admin = await login(t, await createUser(t, Role.Admin));
    const overview = await request(t.server).get('/api/v1/admin/overview').set(admin.auth).expect(200);
    // The primary holds one pending request; the stand-in replica holds none.
    expect(overview.body.pendingRequests).toBe(0);
  });
});
