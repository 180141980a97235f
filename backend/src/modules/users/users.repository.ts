import { Injectable } from '@nestjs/common';
import { AccountRevocations } from '../../common/events/account-revocations';
import { escapeLike } from '../../common/sql/like';
import { Role } from '../../common/auth/role';
import { Db } from '../../database/db';
import { keysetPage, PageRequest } from '../../database/keyset-page';
import { join, sql, where } from '../../database/sql';
import type { Page } from '../../common/pagination';
import { UserEntity } from './user.entity';

export interface UserListFilter {
  search?: string;
  role?: Role;
  active?: boolean;
}

export type UserWithHash = UserEntity & { passwordHash: string | null };

/** What the auth guard needs on every request. */
export type AuthState = Pick<
  UserEntity,
  'id' | 'email' | 'displayName' | 'role' | 'active' | 'tokenVersion' | 'timeZone'
>;
/** What open live streams re-check periodically. */
export type RevocationState = Pick<UserEntity, 'id' | 'role' | 'active' | 'tokenVersion'>;

const CHUNK = 500;

/** Every column but the credentials (password hash, calendar feed secret). */
const PROFILE = [
  'id',
  'email',
  'displayName',
  'role',
  'active',
  'timeZone',
  'bio',
  'mentorCapacity',
  'quotaOverride',
  'tokenVersion',
  'createdBy',
  'adminVia',
  'adminSince',
  'adminBy',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof UserEntity)[];
const WITH_HASH = [...PROFILE, 'passwordHash'] as const;
const AUTH_STATE = ['id', 'email', 'displayName', 'role', 'active', 'tokenVersion', 'timeZone'] as const;
const REVOCATION_STATE = ['id', 'role', 'active', 'tokenVersion'] as const;

function chunks<T>(values: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

@Injectable()
export class UsersRepository {
  constructor(
    private readonly db: Db,
    private readonly revocations: AccountRevocations,
  ) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.db.one(
      UserEntity,
      sql`SELECT ${this.db.columns(UserEntity, 'u', '', PROFILE)} FROM users u WHERE u.id = ${id}`,
    );
  }

  findByIdWithHash(id: string): Promise<UserWithHash | null> {
    return this.db.one(
      UserEntity,
      sql`SELECT ${this.db.columns(UserEntity, 'u', '', WITH_HASH)} FROM users u WHERE u.id = ${id}`,
    ) as Promise<UserWithHash | null>;
  }

  findByEmailWithHash(email: string): Promise<UserWithHash | null> {
    return this.db.one(
      UserEntity,
      sql`SELECT ${this.db.columns(UserEntity, 'u', '', WITH_HASH)} FROM users u WHERE u.email = ${email}`,
    ) as Promise<UserWithHash | null>;
  }

  /** What the auth guard needs on every request: one primary-key read with an explicit column list. */
  findAuthState(id: string): Promise<AuthState | null> {
    return this.db.one(
      UserEntity,
      sql`SELECT ${this.db.columns(UserEntity, 'u', '', AUTH_STATE)} FROM users u WHERE u.id = ${id} LIMIT 1`,
    );
  }

  /** The revocation state of many accounts in one query per chunk (open live streams re-check it periodically). */
  async findAuthStates(ids: string[]): Promise<Map<string, RevocationState>> {
    const found = new Map<string, RevocationState>();
    for (const chunk of chunks(ids)) {
      const rows = await this.db.all(
        UserEntity,
        sql`SELECT ${this.db.columns(UserEntity, 'u', '', REVOCATION_STATE)} FROM users u WHERE u.id IN (${join(chunk)})`,
      );
      for (const row of rows) found.set(row.id, row);
    }
    return found;
  }

  async findExistingEmails(emails: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const chunk of chunks(emails)) {
      const rows = await this.db.rows<{ email: string }>(
        sql`SELECT u.email AS email FROM users u WHERE u.email IN (${join(chunk)})`,
      );
      rows.forEach((r) => found.add(r.email));
    }
    return found;
  }

  async findByEmails(emails: string[]): Promise<UserEntity[]> {
    const users: UserEntity[] = [];
    for (const chunk of chunks(emails)) {
      users.push(
        ...(await this.db.all(
          UserEntity,
          sql`SELECT ${this.db.columns(UserEntity, 'u', '', PROFILE)} FROM users u WHERE u.email IN (${join(chunk)})`,
        )),
      );
    }
    return users;
  }

  async findByIds(ids: string[]): Promise<UserEntity[]> {
    const users: UserEntity[] = [];
    for (const chunk of chunks(ids)) {
      users.push(
        ...(await this.db.all(
          UserEntity,
          sql`SELECT ${this.db.columns(UserEntity, 'u', '', PROFILE)} FROM users u WHERE u.id IN (${join(chunk)})`,
        )),
      );
    }
    return users;
  }

  insert(users: UserEntity[]): Promise<void> {
    return this.db.insert(UserEntity, users);
  }

  async update(id: string, patch: Partial<UserEntity>): Promise<void> {
    await this.db.run(sql`UPDATE users SET ${this.db.assignments(UserEntity, patch)} WHERE id = ${id}`);
  }

  /** Every access and refresh token issued before this stops working at once; open live streams end on commit. */
  async bumpTokenVersion(id: string, patch: Partial<UserEntity> = {}): Promise<void> {
    const set = this.db.assignments(UserEntity, { ...patch, updatedAt: new Date() });
    await this.db.run(sql`UPDATE users SET ${set}, token_version = token_version + 1 WHERE id = ${id}`);
    this.revocations.revoke(id);
  }

  /**
   * A new password or "sign out everywhere": every token stops working, and the calendar feed URL
   * too, since it is a credential that may have been copied along with the old password.
   */
  async endEverySession(id: string, patch: Partial<UserEntity> = {}): Promise<void> {
    const set = this.db.assignments(UserEntity, { ...patch, updatedAt: new Date(), feedTokenHash: null });
    await this.db.run(
      sql`UPDATE users SET ${set}, token_version = token_version + 1, feed_version = feed_version + 1 WHERE id = ${id}`,
    );
    this.revocations.revoke(id);
  }

  list(filter: UserListFilter, page: PageRequest): Promise<Page<UserWithHash>> {
    const pattern = filter.search ? `%${escapeLike(filter.search.toLowerCase())}%` : null;
    return keysetPage(
      page,
      { column: 'u.created_at', id: 'u.id', direction: 'DESC', key: (u) => ({ at: u.createdAt, id: u.id }) },
      ({ after, orderBy, limit }) =>
        this.db.all(
          UserEntity,
          sql`SELECT ${this.db.columns(UserEntity, 'u', '', WITH_HASH)} FROM users u
            ${where(
              filter.role ? sql`u.role = ${filter.role}` : null,
              filter.active !== undefined && sql`u.active = ${filter.active}`,
              pattern !== null &&
                sql`(u.email LIKE ${pattern} ESCAPE '!' OR LOWER(u.display_name) LIKE ${pattern} ESCAPE '!')`,
              after,
            )}
            ${orderBy} LIMIT ${limit}`,
        ) as Promise<UserWithHash[]>,
    );
  }

  async activeAdminIds(): Promise<string[]> {
    const rows = await this.db.rows<{ id: string }>(
      sql`SELECT u.id AS id FROM users u WHERE u.role = ${Role.Admin} AND u.active = ${true}`,
    );
    return rows.map((r) => r.id);
  }

  async count(role?: Role): Promise<number> {
    const [row] = await this.db.rows<{ n: number | string }>(
      sql`SELECT COUNT(*) AS n FROM users u ${where(role ? sql`u.role = ${role}` : null)}`,
    );
    return Number(row.n);
  }

  /** Holds these users' rows until the transaction ends (MySQL), always in id order so two holders never deadlock. */
  async lockInOrder(ids: string[]): Promise<void> {
    if (!this.db.isMysql) return;
    const sorted = [...new Set(ids)].sort();
    await this.db.rows(sql`SELECT id FROM users WHERE id IN (${join(sorted)}) ORDER BY id${this.db.forUpdate}`);
  }

  /** A mentor's capacity, the row held until the transaction ends (MySQL); undefined when there is no such user. */
  async lockCapacity(id: string): Promise<number | null | undefined> {
    const user = await this.db.one(
      UserEntity,
      sql`SELECT ${this.db.columns(UserEntity, 'u', '', ['id', 'mentorCapacity'])} FROM users u WHERE u.id = ${id}${this.db.forUpdate}`,
    );
    return user ? user.mentorCapacity : undefined;
  }

  /** The calendar feed's version and token hash of a user. */
  feedState(id: string): Promise<Pick<UserEntity, 'id' | 'feedVersion' | 'feedTokenHash'> | null> {
    return this.db.one(
      UserEntity,
      sql`SELECT ${this.db.columns(UserEntity, 'u', '', ['id', 'feedVersion', 'feedTokenHash'])} FROM users u WHERE u.id = ${id}`,
    );
  }

  async setFeedTokenHash(id: string, feedTokenHash: string): Promise<void> {
    await this.db.run(sql`UPDATE users SET ${this.db.assignments(UserEntity, { feedTokenHash })} WHERE id = ${id}`);
  }

  async bumpFeedVersion(id: string): Promise<void> {
    await this.db.run(sql`UPDATE users SET feed_version = feed_version + 1, feed_token_hash = NULL WHERE id = ${id}`);
  }

  /** The active user whose calendar feed token has this hash. */
  findActiveByFeedTokenHash(hash: string): Promise<Pick<UserEntity, 'id'> | null> {
    return this.db.one(
      UserEntity,
      sql`SELECT ${this.db.columns(UserEntity, 'u', '', ['id'])} FROM users u WHERE u.feed_token_hash = ${hash} AND u.active = ${true}`,
    );
  }
}
