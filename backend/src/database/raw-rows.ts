import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Helpers for hand-written joins on hot read paths: an explicit column list per table, each column
 * aliased `<prefix><column>`, and rows turned back into entities with the driver's own conversions
 * (dates, booleans), so one statement can return several tables without per-row lookups.
 */
export function selectColumns(
  dataSource: DataSource,
  target: EntityTarget<ObjectLiteral>,
  alias: string,
  prefix: string,
): string {
  const escape = (name: string) => dataSource.driver.escape(name);
  return dataSource
    .getMetadata(target)
    .columns.map((c) => `${alias}.${escape(c.databaseName)} AS ${escape(prefix + c.databaseName)}`)
    .join(', ');
}

interface Plan {
  create: () => ObjectLiteral;
  keys: string[];
  columns: { key: string; property: string; column: ColumnMetadata }[];
}
const plans = new WeakMap<DataSource, Map<unknown, Map<string, Plan>>>();

/** Which raw keys hold which properties, worked out once per entity and prefix. */
function planFor(dataSource: DataSource, target: EntityTarget<ObjectLiteral>, prefix: string): Plan {
  let byTarget = plans.get(dataSource);
  if (!byTarget) plans.set(dataSource, (byTarget = new Map()));
  let byPrefix = byTarget.get(target);
  if (!byPrefix) byTarget.set(target, (byPrefix = new Map()));
  let plan = byPrefix.get(prefix);
  if (!plan) {
    const metadata = dataSource.getMetadata(target);
    plan = {
      create: () => metadata.create() as ObjectLiteral,
      keys: metadata.primaryColumns.map((c) => prefix + c.databaseName),
      columns: metadata.columns.map((column) => ({
        key: prefix + column.databaseName,
        property: column.propertyName,
        column,
      })),
    };
    byPrefix.set(prefix, plan);
  }
  return plan;
}

/** The entity in `raw` under `prefix`, or null when its primary key is NULL (an outer join that found nothing). */
export function hydrate<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  raw: Record<string, unknown>,
  prefix: string,
): T | null {
  const plan = planFor(dataSource, target, prefix);
  for (const key of plan.keys) if (raw[key] === null || raw[key] === undefined) return null;
  const entity = plan.create() as Record<string, unknown>;
  const driver = dataSource.driver;
  for (const { key, property, column } of plan.columns)
    entity[property] = driver.prepareHydratedValue(raw[key], column);
  return entity as T;
}
