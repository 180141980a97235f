import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Reads that may lag a little behind the primary (dashboards, counters, exports) can run on a read
 * replica when `DATABASE_REPLICA_URLS` is set. Everything else stays on the primary by default.
 */
@Injectable()
export class ReplicaReads {
  constructor(private readonly dataSource: DataSource) {}

  get enabled(): boolean {
    const options = this.dataSource.options as { type: string; replication?: unknown };
    return options.type === 'mysql' && Boolean(options.replication);
  }

  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.enabled) return work(this.dataSource.manager);
    const runner = this.dataSource.createQueryRunner('slave');
    try {
      return await work(runner.manager);
    } finally {
      await runner.release();
    }
  }
}
