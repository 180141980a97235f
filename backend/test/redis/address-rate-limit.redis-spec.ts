import { getStorageToken, type ThrottlerStorage } from '@nestjs/throttler';
import request from 'supertest';
import { createTestApp, TestApp } from '../utils/test-app';
import { deleteKeys, eventually, REDIS_URL, uniquePrefix } from './redis-test-utils';

/** The per-address limits, counted before the body is read, are shared by the instances through Redis. */
describe('Per-address rate limits across instances (HTTP + Redis)', () => {
  const prefix = uniquePrefix();
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    const env = {
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      RATE_LIMIT_API_PER_MINUTE: '4',
      RATE_LIMIT_AUTH_PER_MINUTE: '2',
    };
    a = await createTestApp(env);
    b = await createTestApp(env);
    // Until its connection is up, an instance counts in process (see RedisThrottlerStorage).
    for (const t of [a, b]) {
      const storage = t.app.get<ThrottlerStorage>(getStorageToken()) as unknown as { client: { status: string } };
      await eventually(async () => (storage.client.status === 'ready' ? true : undefined));
    }
  });

  afterAll(async () => {
    await a.close();
    await b.close();
    await deleteKeys(prefix);
  });

  // Not JSON: a parsed body would be answered 400, never 429.
  const unparsable = `{"title":"${'x'.repeat(500_000)}`;

  it('should let the limit through over both instances, then refuse without parsing the body', async () => {
    const statuses: number[] = [];
    for (const t of [a, b, a, b])
      statuses.push((await request(t.server).post('/api/v1/discussions').send({ title: 'Hello' })).status);
    expect(statuses).toEqual([401, 401, 401, 401]);
    for (const t of [a, b]) {
      const res = await request(t.server)
        .post('/api/v1/discussions')
        .set('content-type', 'application/json')
        .send(unparsable);
      expect(res.status).toBe(429);
      expect(res.body.code).toBe('RATE_LIMITED');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('should share the sign-in limit per address too', async () => {
    const attempt = (t: TestApp, body: string) =>
      request(t.server).post('/api/v1/auth/login').set('content-type', 'application/json').send(body);
    expect((await attempt(a, JSON.stringify({ email: 'a@test.example', password: 'wrong-password-123' }))).status).toBe(
      401,
    );
    expect((await attempt(b, JSON.stringify({ email: 'b@test.example', password: 'wrong-password-123' }))).status).toBe(
      401,
    );
    expect((await attempt(a, unparsable)).status).toBe(429);
  });
});
