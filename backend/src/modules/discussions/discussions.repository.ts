import { Injectable } from '@nestjs/common';
import type { Page } from '../../common/pagination';
import { Db } from '../../database/db';
import { keysetPage, PageRequest } from '../../database/keyset-page';
import { empty, join, sql, Sql, where } from '../../database/sql';
import { Person, PersonField, PersonTable } from '../users/person';
import { escapeLike } from '../../common/sql/like';
import type { ThreadScope } from './discussions.access';
import {
  Audience,
  PostEntity,
  PostReportEntity,
  RevealRequestEntity,
  ThreadEntity,
  ThreadTagEntity,
} from './discussion.entities';

export interface ThreadFilter {
  tag?: string;
  /** Who may see what, from `threadScope()`. */
  scope: ThreadScope;
  unanswered?: boolean;
  q?: string;
}

/** The name and role of a post's author; read for named posts only, never for anonymous ones. */
export type PostAuthor = Pick<Person, 'id' | 'displayName' | 'role'>;

export interface ThreadWithOpening {
  thread: ThreadEntity;
  opening: PostEntity;
  /** The opening post's author, when it is named. */
  openingAuthor: PostAuthor | null;
}

export interface ReplyWithAuthor {
  post: PostEntity;
  /** The reply's author, when it is named. */
  author: PostAuthor | null;
}

export interface ThreadPage extends ThreadWithOpening {
  replies: Page<ReplyWithAuthor>;
}

const AUTHOR_FIELDS: PersonField[] = ['id', 'displayName', 'role'];

@Injectable()
export class DiscussionsRepository {
  constructor(private readonly db: Db) {}

  async insertThread(thread: ThreadEntity, opening: PostEntity, tags: string[]): Promise<void> {
    await this.db.insert(ThreadEntity, [thread]);
    await this.db.insert(PostEntity, [opening]);
    await this.db.insert(
      ThreadTagEntity,
      tags.map((tag) =>
        Object.assign(new ThreadTagEntity(), { threadId: thread.id, tag, lastActivityAt: thread.lastActivityAt }),
      ),
    );
  }

  async insertReply(post: PostEntity): Promise<void> {
    await this.db.insert(PostEntity, [post]);
    await this.db.run(
      sql`UPDATE discussion_threads SET reply_count = reply_count + 1, ${this.db.assignments(ThreadEntity, {
        lastActivityAt: post.createdAt,
      })} WHERE id = ${post.threadId}`,
    );
    await this.db.run(
      sql`UPDATE discussion_thread_tags SET ${this.db.assignments(ThreadTagEntity, {
        lastActivityAt: post.createdAt,
      })} WHERE thread_id = ${post.threadId}`,
    );
  }

  findThread(id: string): Promise<ThreadEntity | null> {
    return this.db.one(
      ThreadEntity,
      sql`SELECT ${this.db.columns(ThreadEntity, 't')} FROM discussion_threads t WHERE t.id = ${id}`,
    );
  }

  /**
   * Whether a thread is locked, read with a row lock (MySQL) that replies to it take first: writers
   * to one thread queue up instead of deadlocking on the post's foreign-key check and the thread's
   * reply counter.
   */
  lockThreadForReply(id: string): Promise<Pick<ThreadEntity, 'locked' | 'hidden'> | null> {
    return this.db.one(
      ThreadEntity,
      sql`SELECT t.id, t.locked, t.hidden FROM discussion_threads t WHERE t.id = ${id}${this.db.forUpdate}`,
    );
  }

  findPost(id: string): Promise<PostEntity | null> {
    return this.db.one(
      PostEntity,
      sql`SELECT ${this.db.columns(PostEntity, 'p')} FROM discussion_posts p WHERE p.id = ${id}`,
    );
  }

  findOpenings(threadIds: string[]): Promise<PostEntity[]> {
    if (threadIds.length === 0) return Promise.resolve([]);
    return this.db.all(
      PostEntity,
      sql`SELECT ${this.db.columns(PostEntity, 'p')} FROM discussion_posts p
          WHERE p.thread_id IN (${join(threadIds)}) AND p.is_opening = 1`,
    );
  }

  findThreads(ids: string[]): Promise<ThreadEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.all(
      ThreadEntity,
      sql`SELECT ${this.db.columns(ThreadEntity, 't')} FROM discussion_threads t WHERE t.id IN (${join(ids)})`,
    );
  }

  findPosts(ids: string[]): Promise<PostEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.all(
      PostEntity,
      sql`SELECT ${this.db.columns(PostEntity, 'p')} FROM discussion_posts p WHERE p.id IN (${join(ids)})`,
    );
  }

  async updatePost(id: string, patch: Partial<PostEntity>): Promise<void> {
    await this.db.run(sql`UPDATE discussion_posts SET ${this.db.assignments(PostEntity, patch)} WHERE id = ${id}`);
  }

  async updateThread(id: string, patch: Partial<ThreadEntity>): Promise<void> {
    await this.db.run(sql`UPDATE discussion_threads SET ${this.db.assignments(ThreadEntity, patch)} WHERE id = ${id}`);
  }

  /** One keyset page of the thread list, with each opening post and its named author: one statement. */
  listThreads(filter: ThreadFilter, page: PageRequest): Promise<Page<ThreadWithOpening>> {
    const { scope } = filter;
    const visible = [
      scope.audiences.length > 0 && sql`t.audience IN (${join(scope.audiences)})`,
      scope.ownMentorsOnlyOf !== undefined &&
        sql`(t.audience = ${Audience.Mentors} AND t.author_id = ${scope.ownMentorsOnlyOf})`,
    ].filter((c): c is Sql => Boolean(c));
    const tagJoin = filter.tag
      ? sql`INNER JOIN discussion_thread_tags tt ON tt.thread_id = t.id AND tt.tag = ${filter.tag}`
      : empty;
    return keysetPage(
      page,
      {
        column: 't.last_activity_at',
        id: 't.id',
        direction: 'DESC',
        key: (row) => ({ at: row.thread.lastActivityAt, id: row.thread.id }),
      },
      async ({ after, orderBy, limit }) => {
        const rows = await this.db.rows(
          sql`${this.threadHead()} ${tagJoin}
              ${where(
                visible.length > 0 ? sql`(${join(visible, ' OR ')})` : sql`1 = 0`,
                scope.hiddenExceptAuthor !== undefined &&
                  sql`(t.hidden = 0 OR t.author_id = ${scope.hiddenExceptAuthor})`,
                filter.unanswered && sql`t.reply_count = 0 AND t.accepted_post_id IS NULL`,
                filter.q ? this.textMatch(filter.q) : undefined,
                after,
              )}
              ${orderBy} LIMIT ${limit}`,
        );
        return rows.map((row) => this.threadWithOpening(row));
      },
    );
  }

  /** A thread, its opening post and that post's author when named: one statement. */
  async findThreadWithOpening(id: string): Promise<ThreadWithOpening | null> {
    const [row] = await this.db.rows(sql`${this.threadHead()} WHERE t.id = ${id}`);
    return row ? this.threadWithOpening(row) : null;
  }

  /**
   * A thread with its opening post and one keyset page of replies, with the named authors of all of
   * them, in one statement: the page is a derived table joined to its thread (one row per reply, or
   * a single row with no reply). The keyset index (thread_id, is_opening, created_at, id) keeps the
   * rows read equal to the rows returned, however deep the page.
   */
  async findThreadPage(threadId: string, page: PageRequest): Promise<ThreadPage | null> {
    const found: { head?: ThreadWithOpening } = {};
    const replies = await keysetPage(
      page,
      {
        column: 'p.created_at',
        id: 'p.id',
        direction: 'ASC',
        key: (reply: ReplyWithAuthor) => ({ at: reply.post.createdAt, id: reply.post.id }),
      },
      async ({ after, orderBy, limit }) => {
        // The page's ids come from the keyset index alone (a covering range scan from the cursor), then the
        // rows by primary key: selecting the posts' other columns in the same scan makes MariaDB read the
        // thread's index from its first reply instead of seeking to the cursor. No ORDER BY outside: it
        // would sort the joined rows, text columns included, in an on-disk temporary table (a path on
        // which MariaDB 10.11 has crashed under load); the page is put in order here instead.
        const rows = await this.db.rows(
          sql`SELECT ${this.threadColumns()}, ${this.db.columns(PostEntity, 'r', 'r_')},
                     ${this.db.columns(PersonTable, 'ru', 'ru_', AUTHOR_FIELDS)}
              ${this.threadFrom()}
              LEFT JOIN (
                SELECT p.id AS page_id FROM discussion_posts p
                WHERE p.thread_id = ${threadId} AND p.is_opening = 0 AND ${after}
                ${orderBy} LIMIT ${limit}
              ) page ON 1 = 1
              LEFT JOIN discussion_posts r ON r.id = page.page_id
              LEFT JOIN users ru ON ru.id = r.author_id AND r.mode = 'normal'
              WHERE t.id = ${threadId}`,
        );
        if (rows.length === 0) return [];
        found.head = this.threadWithOpening(rows[0]);
        const page: ReplyWithAuthor[] = [];
        for (const row of rows) {
          const post = this.db.hydrate(PostEntity, row, 'r_');
          if (post) page.push({ post, author: this.db.hydrate(PersonTable, row, 'ru_') });
        }
        // Keyset order: oldest first, ties by id (ids are lower-case hex, so code-unit order is the collation's).
        return page.sort(
          ({ post: a }, { post: b }) =>
            a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
        );
      },
    );
    return found.head ? { ...found.head, replies } : null;
  }

  async addReport(report: PostReportEntity): Promise<void> {
    const columns = sql`id, post_id, reporter_id, reason, status, created_at`;
    const values = sql`${report.id}, ${report.postId}, ${report.reporterId}, ${report.reason}, ${report.status}, ${report.createdAt}`;
    // One open report per reporter and post: a second one is ignored.
    await this.db.run(
      this.db.isMysql
        ? sql`INSERT IGNORE INTO post_reports (${columns}) VALUES (${values})`
        : sql`INSERT OR IGNORE INTO post_reports (${columns}) VALUES (${values})`,
    );
  }

  listReports(status: 'open' | 'resolved', page: PageRequest): Promise<Page<PostReportEntity>> {
    return keysetPage(
      page,
      { column: 'r.created_at', id: 'r.id', direction: 'DESC', key: (r) => ({ at: r.createdAt, id: r.id }) },
      ({ after, orderBy, limit }) =>
        this.db.all(
          PostReportEntity,
          sql`SELECT ${this.db.columns(PostReportEntity, 'r')} FROM post_reports r
              WHERE r.status = ${status} AND ${after} ${orderBy} LIMIT ${limit}`,
        ),
    );
  }

  findReport(id: string): Promise<PostReportEntity | null> {
    return this.db.one(
      PostReportEntity,
      sql`SELECT ${this.db.columns(PostReportEntity, 'r')} FROM post_reports r WHERE r.id = ${id}`,
    );
  }

  /** Resolves one report if it is still open; false when someone resolved it first. */
  async resolveReport(id: string): Promise<boolean> {
    return (
      (await this.db.run(sql`UPDATE post_reports SET status = 'resolved' WHERE id = ${id} AND status = 'open'`)) > 0
    );
  }

  async resolveReports(postId: string): Promise<void> {
    await this.db.run(sql`UPDATE post_reports SET status = 'resolved' WHERE post_id = ${postId} AND status = 'open'`);
  }

  async resolveThreadReports(threadId: string): Promise<void> {
    await this.db.run(
      sql`UPDATE post_reports SET status = 'resolved'
          WHERE status = 'open' AND post_id IN (SELECT p.id FROM discussion_posts p WHERE p.thread_id = ${threadId})`,
    );
  }

  async insertRevealRequest(row: RevealRequestEntity): Promise<void> {
    await this.db.insert(RevealRequestEntity, [row]);
  }

  findRevealRequest(id: string): Promise<RevealRequestEntity | null> {
    return this.db.one(
      RevealRequestEntity,
      sql`SELECT ${this.db.columns(RevealRequestEntity, 'r')} FROM reveal_requests r WHERE r.id = ${id}`,
    );
  }

  /** Only one decision per request: a conditional UPDATE from pending. */
  async decideRevealRequest(id: string, status: 'approved' | 'rejected', adminId: string, now: Date): Promise<boolean> {
    const decided = await this.db.run(
      sql`UPDATE reveal_requests SET ${this.db.assignments(RevealRequestEntity, {
        status,
        decidedBy: adminId,
        decidedAt: now,
      })} WHERE id = ${id} AND status = 'pending'`,
    );
    return decided === 1;
  }

  listRevealRequests(page: PageRequest): Promise<Page<RevealRequestEntity>> {
    return keysetPage(
      page,
      { column: 'r.created_at', id: 'r.id', direction: 'DESC', key: (r) => ({ at: r.createdAt, id: r.id }) },
      ({ after, orderBy, limit }) =>
        this.db.all(
          RevealRequestEntity,
          sql`SELECT ${this.db.columns(RevealRequestEntity, 'r')} FROM reveal_requests r
              WHERE ${after} ${orderBy} LIMIT ${limit}`,
        ),
    );
  }

  /** Title or any visible post's text: the full-text indexes on MySQL, a LIKE scan on SQLite. */
  private textMatch(q: string): Sql | undefined {
    if (this.db.isMysql) {
      const terms = q.replace(/[^\p{L}\p{N}\s]/gu, ' ').trim();
      if (!terms) return undefined;
      return sql`(MATCH(t.title) AGAINST (${terms} IN NATURAL LANGUAGE MODE) OR t.id IN (SELECT p.thread_id FROM discussion_posts p WHERE p.deleted_at IS NULL AND p.hidden = 0 AND MATCH(p.body) AGAINST (${terms} IN NATURAL LANGUAGE MODE)))`;
    }
    const pattern = `%${escapeLike(q.toLowerCase())}%`;
    return sql`(LOWER(t.title) LIKE ${pattern} ESCAPE '!' OR t.id IN (SELECT p.thread_id FROM discussion_posts p WHERE p.deleted_at IS NULL AND p.hidden = 0 AND LOWER(p.body) LIKE ${pattern} ESCAPE '!'))`;
  }

  /** Explicit column lists: the thread, its opening post and the opening's named author. */
  private threadColumns(): Sql {
    return sql`${this.db.columns(ThreadEntity, 't', 't_')}, ${this.db.columns(PostEntity, 'o', 'o_')},
               ${this.db.columns(PersonTable, 'ou', 'ou_', AUTHOR_FIELDS)}`;
  }

  private threadFrom(): Sql {
    return sql`FROM discussion_threads t
               INNER JOIN discussion_posts o ON o.thread_id = t.id AND o.is_opening = 1
               LEFT JOIN users ou ON ou.id = o.author_id AND o.mode = 'normal'`;
  }

  private threadHead(): Sql {
    return sql`SELECT ${this.threadColumns()} ${this.threadFrom()}`;
  }

  private threadWithOpening(row: Record<string, unknown>): ThreadWithOpening {
    return {
      thread: this.db.hydrate(ThreadEntity, row, 't_')!,
      opening: this.db.hydrate(PostEntity, row, 'o_')!,
      openingAuthor: this.db.hydrate(PersonTable, row, 'ou_'),
    };
  }
}
