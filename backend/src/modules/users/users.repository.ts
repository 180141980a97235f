import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, In, Repository } from 'typeorm';
import { AccountRevocations } from '../../common/events/account-revocations';
import { escapeLike } from '../../common/sql/like';
import { Db } from '../../database/db';
import { join, sql } from '../../database/sql';
import { insertRows } from '../../database/insert-rows';
import { Role } from '../../common/auth/role';
import { UserEntity } from './user.entity';

export interface UserListFilter {
  search?: string;
  role?: Role;
  active?: boolean;
  after?: { createdAt: Date; id: string };
  limit: number;
}

export type UserWithHash = UserEntity & { passwordHash: string | null };

const CHUNK = 500;
const AUTH_STATE_SQL =
  'SELECT id, email, display_name, role, active, token_version, time_zone FROM users WHERE id = ? LIMIT 1';

@Injectable()
export class UsersRepository {
  constructor(
    @InjectRepository(UserEntity) private readonly repository: Repository<UserEntity>,
    private readonly revocations: AccountRevocations,
    private readonly db: Db,
  ) {}

  private repo(manager?: EntityManager): Repository<UserEntity> {
    return manager ? manager.getRepository(UserEntity) : this.repository;
  }

  findById(id: string, manager?: EntityManager): Promise<UserEntity | null> {
    return this.repo(manager).findOne({ where: { id } });
  }

  findByIdWithHash(id: string, manager?: EntityManager): Promise<UserWithHash | null> {
    return this.repo(manager)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id })
      .getOne() as Promise<UserWithHash | null>;
  }

  findByEmailWithHash(email: string): Promise<UserWithHash | null> {
    return this.repository
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne() as Promise<UserWithHash | null>;
  }

  /** What the auth guard needs on every request: one primary-key read, as plain SQL (no query building). */
  async findAuthState(
    id: string,
  ): Promise<Pick<
    UserEntity,
    'id' | 'email' | 'displayName' | 'role' | 'active' | 'tokenVersion' | 'timeZone'
  > | null> {
    const rows: {
      id: string;
      email: string;
      display_name: string;
      role: Role;
      active: number | boolean;
      token_version: number | string;
      time_zone: string;
    }[] = await this.repository.manager.query(AUTH_STATE_SQL, [id]);
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      role: row.role,
      active: Boolean(Number(row.active)),
      tokenVersion: Number(row.token_version),
      timeZone: row.time_zone,
    };
  }

  /** The revocation state of many accounts in one query per chunk (open live streams re-check it periodically). */
  async findAuthStates(
    ids: string[],
  ): Promise<Map<string, Pick<UserEntity, 'id' | 'role' | 'active' | 'tokenVersion'>>> {
    const found = new Map<string, Pick<UserEntity, 'id' | 'role' | 'active' | 'tokenVersion'>>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const rows: { id: string; role: Role; active: number | boolean; token_version: number | string }[] =
        await this.repository.manager.query(
          // eslint-disable-next-line no-restricted-syntax -- one `?` placeholder per id
          `SELECT id, role, active, token_version FROM users WHERE id IN (${chunk.map(() => '?').join(', ')})`,
          chunk,
        );
      for (const row of rows)
        found.set(row.id, {
          id: row.id,
          role: row.role,
          active: Boolean(Number(row.active)),
          tokenVersion: Number(row.token_version),
        });
    }
    return found;
  }

  async findExistingEmails(emails: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < emails.length; i += CHUNK) {
      const rows = await this.repository.find({
        where: { email: In(emails.slice(i, i + CHUNK)) },
        select: { email: true },
      });
      rows.forEach((r) => found.add(r.email));
    }
    return found;
  }

  async findByEmails(emails: string[]): Promise<UserEntity[]> {
    const users: UserEntity[] = [];
    for (let i = 0; i < emails.length; i += CHUNK) {
      users.push(...(await this.repository.find({ where: { email: In(emails.slice(i, i + CHUNK)) } })));
    }
    return users;
  }

  findByIds(ids: string[]): Promise<UserEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.repository.find({ where: { id: In(ids) } });
  }

  insert(users: UserEntity[], manager: EntityManager): Promise<void> {
    return insertRows(manager, UserEntity, users);
  }

  async update(id: string, patch: Partial<UserEntity>, manager?: EntityManager): Promise<void> {
    await this.repo(manager).update({ id }, patch);
  }

  /** Every access and refresh token issued before this stops working at once; open live streams end on commit. */
  async bumpTokenVersion(id: string, manager: EntityManager, patch: Partial<UserEntity> = {}): Promise<void> {
    await this.repo(manager)
      .createQueryBuilder()
      .update(UserEntity)
      .set({ ...patch, updatedAt: new Date(), tokenVersion: () => 'token_version + 1' })
      .where('id = :id', { id })
      .execute();
    this.revocations.revoke(id, manager);
  }

  /**
   * A new password or "sign out everywhere": every token stops working, and the calendar feed URL
   * too, since it is a credential that may have been copied along with the old password.
   */
  async endEverySession(id: string, manager: EntityManager, patch: Partial<UserEntity> = {}): Promise<void> {
    await this.repo(manager)
      .createQueryBuilder()
      .update(UserEntity)
      .set({
        ...patch,
        updatedAt: new Date(),
        tokenVersion: () => 'token_version + 1',
        feedVersion: () => 'feed_version + 1',
        feedTokenHash: null,
      })
      .where('id = :id', { id })
      .execute();
    this.revocations.revoke(id, manager);
  }

  async list(filter: UserListFilter): Promise<UserWithHash[]> {
    const query = this.repository.createQueryBuilder('u').addSelect('u.passwordHash');
    if (filter.role) query.andWhere('u.role = :role', { role: filter.role });
    if (filter.active !== undefined) query.andWhere('u.active = :active', { active: filter.active });
    if (filter.search) {
      const pattern = `%${escapeLike(filter.search.toLowerCase())}%`;
      query.andWhere(
        new Brackets((q) => {
          q.where("u.email LIKE :pattern ESCAPE '!'", { pattern }).orWhere(
            "LOWER(u.display_name) LIKE :pattern ESCAPE '!'",
            { pattern },
          );
        }),
      );
    }
    if (filter.after) {
      query.andWhere(
        new Brackets((q) => {
          q.where('u.created_at < :createdAt', { createdAt: filter.after!.createdAt }).orWhere(
            new Brackets((q2) =>
              q2
                .where('u.created_at = :createdAt', { createdAt: filter.after!.createdAt })
                .andWhere('u.id < :id', { id: filter.after!.id }),
            ),
          );
        }),
      );
    }
    return query
      .orderBy('u.created_at', 'DESC')
      .addOrderBy('u.id', 'DESC')
      .limit(filter.limit + 1)
      .getMany() as Promise<UserWithHash[]>;
  }

  async countStudentsPerMentor(mentorIds: string[]): Promise<Map<string, number>> {
    if (mentorIds.length === 0) return new Map();
    const rows: { mentor_id: string; n: number | string }[] = await this.repository.manager
      .createQueryBuilder()
      .select('a.mentor_id', 'mentor_id')
      .addSelect('COUNT(*)', 'n')
      .from('assignments', 'a')
      .where('a.mentor_id IN (:...mentorIds)', { mentorIds })
      .groupBy('a.mentor_id')
      .getRawMany();
    return new Map(rows.map((r) => [r.mentor_id, Number(r.n)]));
  }

  async activeAdminIds(manager?: EntityManager): Promise<string[]> {
    const rows = await this.repo(manager).find({ where: { role: Role.Admin, active: true }, select: { id: true } });
    return rows.map((r) => r.id);
  }

  count(role?: Role): Promise<number> {
    return this.repository.count(role ? { where: { role } } : {});
  }

  /** One user (without credentials), read on the ambient transaction. */
  findCurrent(id: string): Promise<UserEntity | null> {
    return this.db.one(
      UserEntity,
      sql`SELECT ${this.db.columns(UserEntity, 'u', '', USER_FIELDS)} FROM users u WHERE u.id = ${id}`,
    );
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

/** Every column of a user but the credentials (password hash, calendar feed token). */
const USER_FIELDS = [
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
