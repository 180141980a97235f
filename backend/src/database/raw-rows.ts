import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Helpers for hand-written joins on hot read paths: an explicit column list per table, each column
 * aliased `<prefix><column>`, and rows turned back into entities with the driver's own conversions
 * (dates, booleans), so one statement can return several tables without per-row lookups.
 */
export function selectColumns(dataSource: DataSource, target: EntityTarget<ObjectLiteral>, alias: string, prefix: string): string {
  const escape = (name: string) => dataSource.driver.escape(name);
  return dataSource
    .getMetadata(target)
    .columns.map((c) => `${alias}.${escape(c.databaseName)} AS ${escape(prefix + c.databaseName)}`)
    .join(', ');
}

/** The entity in `raw` under `prefix`, or null when its primary key is NULL (an outer join that found nothing). */
export function hydrate<T extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<T>, raw: Record<string, unknown>, prefix: string): T | null {
  const metadata = dataSource.getMetadata(target);
  if (metadata.primaryColumns.some((c) => raw[prefix + c.databaseName] === null || raw[prefix + c.databaseName] === undefined)) return null;
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    (entity as Record<string, unknown>)[column.propertyName] = dataSource.driver.prepareHydratedValue(raw[prefix + column.databaseName], column);
  }
  return entity;
}
