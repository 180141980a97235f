/**
 * SQL statements as tagged templates: `sql\`SELECT … WHERE id = ${id}\`` keeps the text a constant
 * and sends every interpolated value as a bound parameter (`?`, which both MySQL and SQLite take).
 * Fragments nest (`sql\`… ${filter} …\``), `join()` lists them, `empty` stands for nothing, `raw()`
 * takes constants only (column lists, `FOR UPDATE`).
 */
import sql, { empty, join, raw, Sql } from 'sql-template-tag';

export { empty, join, raw, sql, Sql };

/** `WHERE a AND b …` of the conditions given (falsy ones skipped), or nothing when there are none. */
export function where(...conditions: (Sql | false | null | undefined)[]): Sql {
  const present = conditions.filter((c): c is Sql => Boolean(c));
  return present.length === 0 ? empty : sql`WHERE ${join(present, ' AND ')}`;
}
