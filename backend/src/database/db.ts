import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { ClsServiceManager } from 'nestjs-cls';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryRunner } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { toDbTimestamp } from './database-options';
import { empty, join, raw, sql, Sql } from './sql';

const INSERT_CHUNK = 500;
const REPLICA = Symbol('replica-runner');

type Row = Record<string, unknown>;

/**
 * The one way repositories read and write: statements written with `sql`, run on the transaction
 * `@Transactional()` opened (or on a pooled connection when none is open), rows turned back into
 * entities with TypeORM's own column conversions. Typed end to end: a statement's rows are mapped
 * by the entity metadata, never by hand-written casts.
 */
@Injectable()
export class Db {
  /** `FOR UPDATE` on MySQL; SQLite has no row locks (its writers are serialised by the transactions). */
  readonly forUpdate: Sql;
  readonly isMysql: boolean;
  private readonly replicated: boolean;

  constructor(
    private readonly dataSource: DataSource,
    private readonly txHost: TransactionHost,
  ) {
    this.isMysql = dataSource.options.type === 'mysql';
    this.forUpdate = this.isMysql ? raw(' FOR UPDATE') : empty;
    this.replicated = this.isMysql && Boolean((dataSource.options as { replication?: unknown }).replication);
  }

  /** Every row of a statement, as the database returned it. */
  rows<R extends Row = Row>(statement: Sql): Promise<R[]> {
    return this.execute(statement).then((result) => result.records as R[]);
  }

  /** The rows of a statement selecting `columns(target, alias)`, as entities. */
  async all<T extends ObjectLiteral>(target: EntityTarget<T>, statement: Sql, prefix = ''): Promise<T[]> {
    const rows = await this.rows(statement);
    return rows.map((row) => this.hydrate(target, row, prefix)!);
  }

  async one<T extends ObjectLiteral>(target: EntityTarget<T>, statement: Sql, prefix = ''): Promise<T | null> {
    const [row] = await this.rows(statement);
    return row ? this.hydrate(target, row, prefix) : null;
  }

  /** Runs a write; resolves to the number of rows it changed. */
  async run(statement: Sql): Promise<number> {
    const result = await this.execute(statement);
    return result.affected ?? 0;
  }

  /** A multi-row INSERT (in chunks) of whole entities. */
  async insert<T extends ObjectLiteral>(target: EntityTarget<T>, entities: T[]): Promise<void> {
    const metadata = this.dataSource.getMetadata(target);
    const columns = metadata.columns.filter((c) => !c.isVirtual);
    const names = join(columns.map((c) => raw(this.escape(c.databaseName))));
    for (let i = 0; i < entities.length; i += INSERT_CHUNK) {
      const values = entities
        .slice(i, i + INSERT_CHUNK)
        .map((entity) => sql`(${join(columns.map((c) => this.toDb(c, c.getEntityValue(entity))))})`);
      await this.run(sql`INSERT INTO ${raw(this.escape(metadata.tableName))} (${names}) VALUES ${join(values)}`);
    }
  }

  /** A one-row INSERT into a table whose key the database numbers (auto-increment); resolves to that number. */
  async insertNumbered<T extends ObjectLiteral>(target: EntityTarget<T>, entity: T): Promise<number> {
    const metadata = this.dataSource.getMetadata(target);
    const columns = metadata.columns.filter((c) => !c.isVirtual && !c.isGenerated);
    const names = join(columns.map((c) => raw(this.escape(c.databaseName))));
    const values = join(columns.map((c) => this.toDb(c, c.getEntityValue(entity))));
    const result = await this.execute(
      sql`INSERT INTO ${raw(this.escape(metadata.tableName))} (${names}) VALUES (${values})`,
    );
    // better-sqlite3 hands back the row id itself, mysql2 a header carrying it.
    const inserted = result.raw as number | bigint | { insertId: number };
    return Number(typeof inserted === 'object' ? inserted.insertId : inserted);
  }

  /** `col = ?, …` for the properties of `patch` (by the entity's column names), for an UPDATE. */
  assignments<T extends ObjectLiteral>(target: EntityTarget<T>, patch: Partial<T>): Sql {
    const metadata = this.dataSource.getMetadata(target);
    const parts = Object.entries(patch)
      .filter(([, value]) => value !== undefined)
      .map(([property, value]) => {
        const column = metadata.findColumnWithPropertyName(property);
        if (!column) throw new Error(`${metadata.name} has no column for ${property}`);
        return sql`${raw(this.escape(column.databaseName))} = ${this.toDb(column, value)}`;
      });
    return join(parts);
  }

  /** The select list of an entity's columns (or of `properties` only), aliased `<prefix><column>`. */
  columns<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    alias: string,
    prefix = '',
    properties?: readonly (keyof T & string)[],
  ): Sql {
    return raw(this.columnList(target, alias, prefix, properties));
  }

  /** The entity stored in `row` under `prefix`; null when its primary key is NULL (an outer join that found nothing). */
  hydrate<T extends ObjectLiteral>(target: EntityTarget<T>, row: Row, prefix = ''): T | null {
    const plan = this.plan(target, prefix);
    for (const key of plan.keys) if (row[key] === null || row[key] === undefined) return null;
    const entity = plan.create() as Row;
    for (const { key, property, column } of plan.columns) {
      if (key in row) entity[property] = this.dataSource.driver.prepareHydratedValue(row[key], column);
    }
    return entity as T;
  }

  /**
   * Runs reads that may lag a little behind the primary (dashboards, counters, exports) on a read
   * replica when `DATABASE_REPLICA_URLS` is set; everything else stays on the primary.
   */
  async onReplica<T>(work: () => Promise<T>): Promise<T> {
    if (!this.replicated || this.txHost.isTransactionActive()) return work();
    const cls = ClsServiceManager.getClsService();
    return cls.run({ ifNested: 'inherit' }, async () => {
      const runner = this.dataSource.createQueryRunner('slave');
      cls.set(REPLICA, runner);
      try {
        return await work();
      } finally {
        cls.set(REPLICA, undefined);
        await runner.release();
      }
    });
  }

  private async execute(statement: Sql) {
    const values = statement.values.map(toParameter);
    const tx = this.txHost.tx as EntityManager;
    const existing: QueryRunner | undefined = tx.queryRunner ?? this.replicaRunner();
    const runner = existing ?? this.dataSource.createQueryRunner();
    try {
      return await runner.query(statement.sql, values, true);
    } finally {
      if (!existing) await runner.release();
    }
  }

  private replicaRunner(): QueryRunner | undefined {
    if (!this.replicated) return undefined;
    const cls = ClsServiceManager.getClsService();
    return cls.isActive() ? (cls.get(REPLICA) as QueryRunner | undefined) : undefined;
  }

  private toDb(column: ColumnMetadata, value: unknown): unknown {
    return this.dataSource.driver.preparePersistentValue(value, column);
  }

  private escape(name: string): string {
    return this.dataSource.driver.escape(name);
  }

  private readonly columnLists = new Map<unknown, Map<string, string>>();

  private columnList(
    target: EntityTarget<ObjectLiteral>,
    alias: string,
    prefix: string,
    properties?: readonly string[],
  ) {
    const cacheKey = `${alias}|${prefix}|${properties?.join(',') ?? '*'}`;
    let byTarget = this.columnLists.get(target);
    if (!byTarget) this.columnLists.set(target, (byTarget = new Map()));
    let list = byTarget.get(cacheKey);
    if (list === undefined) {
      const columns = this.dataSource
        .getMetadata(target)
        .columns.filter((c) => !properties || properties.includes(c.propertyName));
      list = columns
        .map((c) => `${alias}.${this.escape(c.databaseName)} AS ${this.escape(prefix + c.databaseName)}`)
        .join(', ');
      byTarget.set(cacheKey, list);
    }
    return list;
  }

  private readonly plans = new Map<unknown, Map<string, HydrationPlan>>();

  private plan(target: EntityTarget<ObjectLiteral>, prefix: string): HydrationPlan {
    let byTarget = this.plans.get(target);
    if (!byTarget) this.plans.set(target, (byTarget = new Map()));
    let plan = byTarget.get(prefix);
    if (!plan) {
      const metadata = this.dataSource.getMetadata(target);
      plan = {
        create: () => metadata.create() as ObjectLiteral,
        keys: metadata.primaryColumns.map((c) => prefix + c.databaseName),
        columns: metadata.columns.map((column) => ({
          key: prefix + column.databaseName,
          property: column.propertyName,
          column,
        })),
      };
      byTarget.set(prefix, plan);
    }
    return plan;
  }
}

interface HydrationPlan {
  create: () => ObjectLiteral;
  keys: string[];
  columns: { key: string; property: string; column: ColumnMetadata }[];
}

/** Values as both drivers bind them: dates as `toDbTimestamp`, booleans as 1/0. */
function toParameter(value: unknown): unknown {
  if (value instanceof Date) return toDbTimestamp(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value === undefined ? null : value;
}
