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
