import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { Db } from '../../database/db';
import { raw, sql, Sql } from '../../database/sql';
import { UserEntity } from './user.entity';

/**
 * The public columns of a person that other modules may join from `users` to name people (the mentor
 * and student of a session, a post's author): the one sanctioned read of this module's table elsewhere.
 */
export const PERSON_FIELDS = ['id', 'displayName', 'email', 'role', 'timeZone', 'bio'] as const;

export type PersonField = (typeof PERSON_FIELDS)[number];
export type Person = Pick<UserEntity, PersonField>;

/** The table those columns are hydrated from: `db.hydrate(PersonTable, row, 'm_')`. */
export const PersonTable = UserEntity;

/** A row of a mentoring pair (a request, a session) with both people. */
export type WithPeople<T> = T & { mentor: Person; student: Person };

/**
 * Rows of a pair's table (`mentor_id`, `student_id` columns) with the mentor and the student joined,
 * in one statement: `rest` is the WHERE/ORDER BY/LIMIT on `alias`. `table` and `alias` are constants.
 */
export async function selectWithPeople<T extends ObjectLiteral>(
  db: Db,
  target: EntityTarget<T>,
  table: string,
  alias: string,
  rest: Sql,
): Promise<WithPeople<T>[]> {
  const t = raw(alias);
  const rows = await db.rows(
    sql`SELECT ${db.columns(target, alias, `${alias}_`)}, ${db.columns(PersonTable, 'm', 'm_', PERSON_FIELDS)}, ${db.columns(PersonTable, 'st', 'st_', PERSON_FIELDS)}
      FROM ${raw(table)} ${t} INNER JOIN users m ON m.id = ${t}.mentor_id INNER JOIN users st ON st.id = ${t}.student_id ${rest}`,
  );
  return rows.map((row) =>
    Object.assign(db.hydrate(target, row, `${alias}_`)!, {
      mentor: db.hydrate(PersonTable, row, 'm_')! as Person,
      student: db.hydrate(PersonTable, row, 'st_')! as Person,
    }),
  );
}
