import request from 'supertest';
import { createTestApp, TestApp } from '../utils/test-app';

describe('Client address behind a proxy (HTTP)', () => {
  describe('with TRUST_PROXY=1 (one proxy that adds the address it sees)', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ TRUST_PROXY: '1', RATE_LIMIT_AUTH_PER_MINUTE: '30' });
    });

    afterAll(async () => {
      await t.close();
    });

    it('should still refuse a password spray after the per-address limit when each attempt spoofs X-Forwarded-For', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) {
        const res = await request(t.server)
          .post('/api/v1/auth/login')
          .set('x-forwarded-for', `198.51.100.${i + 1}, 203.0.113.7`)
          .send({ email: `spray${i}@test.example`, password: 'wrong-password-123' });
        statuses.push(res.status);
      }
      expect(statuses.filter((s) => s === 401)).toHaveLength(30);
      expect(statuses.filter((s) => s === 429)).toHaveLength(10);
      expect(statuses.slice(30)).toEqual(Array(10).fill(429));
      // Another real address is counted on its own.
      const other = await request(t.server)
        .post('/api/v1/auth/login')
        .set('x-forwarded-for', '198.51.100.1, 203.0.113.8')
        .send({ email: 'spray0@test.example', password: 'wrong-password-123' });
      expect(other.status).toBe(401);
    });
  });

  describe('with TRUST_PROXY listing the proxy address', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ TRUST_PROXY: 'loopback', RATE_LIMIT_API_PER_MINUTE: '5' });
    });

    afterAll(async () => {
      await t.close();
    });

    const remaining = async (forwardedFor: string) => {
      const res = await request(t.server).get('/api/v1/health').set('x-forwarded-for', forwardedFor).expect(200);
      return Number(res.headers['x-ratelimit-remaining']);
    };

    it('should count the address the trusted proxy saw, whatever the client put before it', async () => {
      expect(await remaining('203.0.113.9')).toBe(4);
      expect(await remaining('10.0.0.1, 203.0.113.9')).toBe(3);
      expect(await remaining('10.0.0.2, 192.0.2.1, 203.0.113.9')).toBe(2);
      expect(await remaining('203.0.113.10')).toBe(4);
    });
  });
});
