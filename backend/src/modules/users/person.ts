import type { UserEntity } from './user.entity';

/** The public columns of a person that other modules may join from `users` (mentor and student on a list row). */
export const PERSON_FIELDS = [
  'id',
  'displayName',
  'email',
  'role',
  'timeZone',
  'bio',
] as const satisfies readonly (keyof UserEntity)[];

export type Person = Pick<UserEntity, (typeof PERSON_FIELDS)[number]>;
