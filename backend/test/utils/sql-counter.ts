import type { DataSource, QueryRunner } from 'typeorm';

/** Statements a piece of work sent to the database, as TypeORM's logger sees every one of them. */
export interface SqlTrace {
  statements: string[];
}

/**
 * Counts every statement the application sends (transaction control included) by wrapping the
 * data source's logger, which TypeORM calls for each query on both drivers.
 */
export class SqlCounter {
  private current: string[] | null = null;
  private lastAt = 0;

  static attach(dataSource: DataSource): SqlCounter {
    const counter = new SqlCounter();
    const logger = dataSource.logger;
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (query: string, parameters?: unknown[], runner?: QueryRunner) => {
      counter.record(query);
      return original(query, parameters, runner);
    };
    return counter;
  }

  private record(query: string): void {
    this.lastAt = Date.now();
    this.current?.push(query.replace(/\s+/g, ' ').trim());
  }

  /** Runs `work`, then waits until the database has been quiet for `quietMs` (event handlers finish after the response). */
  async trace<T>(work: () => Promise<T>, quietMs = 60): Promise<{ result: T; trace: SqlTrace }> {
    await this.quiet(quietMs);
    const statements: string[] = [];
    this.current = statements;
    try {
      const result = await work();
      this.lastAt = Date.now();
      await this.quiet(quietMs);
      return { result, trace: { statements: [...statements] } };
    } finally {
      this.current = null;
    }
  }

  /** Waits until no statement has been sent for `quietMs` (at most 2 s). */
  private async quiet(quietMs: number): Promise<void> {
    const deadline = Date.now() + 2000;
    while (Date.now() - this.lastAt < quietMs && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
