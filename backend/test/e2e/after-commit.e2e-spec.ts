import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { DomainEventBus } from '../../src/common/events/domain-event';
import { InProcessEventBus } from '../../src/common/events/in-process-event-bus';
import { Db } from '../../src/database/db';
import { sql } from '../../src/database/sql';
import { createTestApp, TestApp } from '../utils/test-app';

@Injectable()
class Work {
  constructor(
    private readonly db: Db,
    private readonly bus: DomainEventBus,
  ) {}

  @Transactional()
  async publishInside(): Promise<void> {
    await this.db.rows(sql`SELECT 1 AS one`);
    this.bus.publish({
      type: 'probe',
      at: '',
      actorId: null,
      audience: [],
      subject: { type: 'session', id: 'probe' },
      data: {},
    });
  }
}

describe('Events published inside a transaction', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(() => t.close());

  it('should reach handlers that query the database once the transaction has committed', async () => {
    const db = t.app.get(Db);
    const bus = t.app.get(DomainEventBus);
    const seen: unknown[] = [];
    const unsubscribe = bus.subscribe(async () => {
      // The first statement runs at once: it must not land on the committed transaction's released connection.
      seen.push(...(await db.rows(sql`SELECT 2 AS two`)).map((row) => Number(row['two'])));
    });
    try {
      await new Work(db, bus).publishInside();
      await (bus as InProcessEventBus).settled();
    } finally {
      unsubscribe();
    }
    expect(seen).toEqual([2]);
  });
});
