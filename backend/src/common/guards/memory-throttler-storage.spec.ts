import { MemoryThrottlerStorage } from './memory-throttler-storage';

describe(MemoryThrottlerStorage.name, () => {
  let storage: MemoryThrottlerStorage;
  let now: number;

  beforeEach(() => {
    now = Date.UTC(2026, 10, 27, 12, 0, 0);
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    storage = new MemoryThrottlerStorage();
  });

  afterEach(() => {
    storage.onApplicationShutdown();
    jest.restoreAllMocks();
  });

  const hit = (key = 'ip-1', limit = 3, block = 0) => storage.increment(key, 60_000, limit, block, 'default');

  it('should allow exactly the limit in a window, then refuse until the window ends', async () => {
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await hit());
    expect(results.map((r) => r.isBlocked)).toEqual([false, false, false, true, true]);
    expect(results[3]).toMatchObject({ totalHits: 4, timeToBlockExpire: 60 });
    now += 59_000;
    expect((await hit()).isBlocked).toBe(true);
    now += 1_000;
    expect(await hit()).toMatchObject({ isBlocked: false, totalHits: 1, timeToExpire: 60 });
  });

  it('should count keys and throttlers apart', async () => {
    for (let i = 0; i < 3; i++) await hit('ip-1');
    expect((await hit('ip-2')).isBlocked).toBe(false);
    expect((await storage.increment('ip-1', 60_000, 3, 0, 'auth')).isBlocked).toBe(false);
    expect((await hit('ip-1')).isBlocked).toBe(true);
  });

  it('should block for the block duration once the limit is passed, then count afresh', async () => {
    for (let i = 0; i < 3; i++) await hit('ip-1', 3, 300_000);
    expect(await hit('ip-1', 3, 300_000)).toMatchObject({ isBlocked: true, timeToBlockExpire: 300 });
    now += 120_000;
    expect(await hit('ip-1', 3, 300_000)).toMatchObject({ isBlocked: true, timeToBlockExpire: 180 });
    now += 180_000;
    expect(await hit('ip-1', 3, 300_000)).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('should do constant work per hit and forget ended windows', async () => {
    for (let i = 0; i < 200_000; i++) await hit('busy-campus-address', 1_000_000);
    expect((await hit('busy-campus-address', 1_000_000)).totalHits).toBe(200_001);
    for (let i = 0; i < 100; i++) await hit(`ip-${i}`);
    expect(storage.size).toBe(101);
    now += 61_000;
    (storage as unknown as { sweep(): void }).sweep();
    expect(storage.size).toBe(0);
  });
});
