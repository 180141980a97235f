import { decodeTimeCursor, encodeCursor, Page } from '../common/pagination';
import { raw, sql, Sql } from './sql';

/** What a client asks of a cursor list. */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** How a list is ordered: a timestamp column, the id as tie-break, one direction for both. */
export interface KeysetOrder<R> {
  /** Column expressions, constants such as `s.starts_at` and `s.id`. */
  column: string;
  id: string;
  direction: 'ASC' | 'DESC';
  /** The row's values of those two columns. */
  key: (row: R) => { at: Date; id: string };
}

/** What `keysetPage()` hands the statement: the position after the cursor, the ORDER BY, and LIMIT's value. */
export interface KeysetClauses {
  /** `(col > ? OR (col = ? AND id > ?))` for the cursor, or `1 = 1` on the first page. */
  after: Sql;
  orderBy: Sql;
  limit: number;
}

/**
 * Every cursor list: the statement fetches `limit + 1` rows after the cursor in the given order;
 * the extra row says whether there is a next page. Cursors are opaque (`[timestamp, id]` in
 * base64url) and a tampered one is a 400, never a bad query.
 */
export async function keysetPage<R>(
  request: PageRequest,
  order: KeysetOrder<R>,
  fetch: (clauses: KeysetClauses) => Promise<R[]>,
): Promise<Page<R>> {
  const cursor = decodeTimeCursor(request.cursor);
  const column = raw(order.column);
  const id = raw(order.id);
  const beyond = raw(order.direction === 'ASC' ? '>' : '<');
  const after = cursor
    ? sql`(${column} ${beyond} ${cursor.at} OR (${column} = ${cursor.at} AND ${id} ${beyond} ${cursor.id}))`
    : sql`1 = 1`;
  const direction = raw(order.direction);
  const rows = await fetch({
    after,
    orderBy: sql`ORDER BY ${column} ${direction}, ${id} ${direction}`,
    limit: request.limit + 1,
  });
  const hasMore = rows.length > request.limit;
  const items = hasMore ? rows.slice(0, request.limit) : rows;
  const last = items[items.length - 1];
  const key = hasMore ? order.key(last) : undefined;
  return { items, nextCursor: key ? encodeCursor([key.at.toISOString(), key.id]) : null };
}

/** The same page with its items mapped (to DTOs, usually). */
export function mapPage<R, T>(page: Page<R>, map: (row: R) => T): Page<T> {
  return { items: page.items.map(map), nextCursor: page.nextCursor };
}
