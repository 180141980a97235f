import type { SelectQueryBuilder } from 'typeorm';
import { UserEntity } from './user.entity';

/** The public profile columns of a person joined into another query. */
export type PersonColumns = Pick<UserEntity, 'id' | 'displayName' | 'email' | 'role' | 'timeZone' | 'bio'>;

const COLUMNS = ['id', 'display_name', 'email', 'role', 'time_zone', 'bio'] as const;

/** Joins users twice (mentor and student) so a list needs one query, not one per row. */
export function joinPeople<T extends object>(query: SelectQueryBuilder<T>, alias: string): SelectQueryBuilder<T> {
  const select = (as: string) => COLUMNS.map((c) => `${as}.${c} AS ${as}_${c}`);
  return query
    .innerJoin(UserEntity, 'm', `m.id = ${alias}.mentor_id`)
    .innerJoin(UserEntity, 'st', `st.id = ${alias}.student_id`)
    .addSelect(select('m'))
    .addSelect(select('st'));
}

/** The person columns of `users` joined as `alias`, for hand-written SQL (`<alias>_<column>`). */
export function personSelect(alias: string): string {
  return COLUMNS.map((c) => `${alias}.${c} AS ${alias}_${c}`).join(', ');
}

export function person(row: Record<string, unknown>, alias: string): PersonColumns {
  return {
    id: row[`${alias}_id`] as string,
    displayName: row[`${alias}_display_name`] as string,
    email: row[`${alias}_email`] as string,
    role: row[`${alias}_role`] as UserEntity['role'],
    timeZone: row[`${alias}_time_zone`] as string,
    bio: (row[`${alias}_bio`] as string | null) ?? null,
  };
}

/** Pairs `getRawAndEntities()` results with the joined mentor and student. */
export function attachPeople<T extends { id: string }>(
  { entities, raw }: { entities: T[]; raw: Record<string, unknown>[] },
  alias: string,
): (T & { mentor: PersonColumns; student: PersonColumns })[] {
  const byId = new Map(raw.map((row) => [row[`${alias}_id`] as string, row]));
  return entities.map((entity) => {
    const row = byId.get(entity.id)!;
    return Object.assign(entity, { mentor: person(row, 'm'), student: person(row, 'st') });
  });
}
