import request from 'supertest';
import { Role } from '../../src/common/auth/role';
import { createUser } from '../factories/users.factory';
import { createTestApp, TestApp } from '../utils/test-app';

/** REDIS_URL names a server that does not answer: what stays up and what is refused. */
describe('Shared rate limits while Redis is unreachable (HTTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1', RATE_LIMIT_API_PER_MINUTE: '3' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('should refuse sign-in routes with a retryable 503 rather than let them through unlimited', async () => {
    const student = await createUser(t, Role.Student);
    for (const path of ['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/invitations/accept']) {
      const res = await request(t.server)
        .post(path)
        .send(path.endsWith('login') ? { email: student.email, password: student.password } : {});
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toMatchObject({ status: 503, code: 'RATE_LIMIT_UNAVAILABLE' });
    }
  });

  it('should keep serving other routes, limited by counters in this process', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await request(t.server).get('/api/v1/calendar/not-a-real-feed.ics')).status);
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
  });

  it('should report Redis as down in readiness', async () => {
    const res = await request(t.server).get('/api/v1/health/ready');
    expect(res.status).toBe(503);
    expect(res.body.checks.redis.status).toBe('down');
  });
});
