import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { toDbTimestamp } from '../../database/database-options';
import { insertRows } from '../../database/insert-rows';
import { lockClause } from '../../database/transaction-runner';
import { hydrate, selectColumns } from '../../database/raw-rows';
import type { Role } from '../../common/auth/role';
import { escapeLike } from '../../common/sql/like';
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
  audiences: Audience[];
  /** Also threads of this audience the viewer wrote (students see their own mentors-only threads). */
  ownMentorsOnlyOf?: string;
  /** Non-admins: hidden threads are left out, except the viewer's own (shown to them marked hidden). */
  hiddenExceptAuthor?: string;
  unanswered?: boolean;
  q?: string;
  after?: { lastActivityAt: Date; id: string };
  limit: number;
}

/** The name and role of a post's author; read for named posts only, never for anonymous ones. */
export interface PostAuthor {
  id: string;
  displayName: string;
  role: Role;
}

export interface ThreadWithOpening {
  thread: ThreadEntity;
  opening: PostEntity;
}

export interface ThreadPage extends ThreadWithOpening {
  replies: PostEntity[];
  authors: Map<string, PostAuthor>;
}

@Injectable()
export class DiscussionsRepository {
  private cachedStatements?: { listHead: string; thread: string; firstPage: string; pageAfter: string };

  constructor(private readonly dataSource: DataSource) {}

  private get isMysql(): boolean {
    return this.dataSource.options.type === 'mysql';
  }

  async insertThread(thread: ThreadEntity, opening: PostEntity, tags: string[], manager: EntityManager): Promise<void> {
    await insertRows(manager, ThreadEntity, [thread]);
    await insertRows(manager, PostEntity, [opening]);
    if (tags.length > 0)
      await insertRows(
        manager,
        ThreadTagEntity,
        tags.map((tag) =>
          Object.assign(new ThreadTagEntity(), { threadId: thread.id, tag, lastActivityAt: thread.lastActivityAt }),
        ),
      );
  }

  async insertReply(post: PostEntity, manager: EntityManager): Promise<void> {
    await insertRows(manager, PostEntity, [post]);
    await manager
      .createQueryBuilder()
      .update(ThreadEntity)
      .set({ replyCount: () => 'reply_count + 1', lastActivityAt: post.createdAt })
      .where('id = :id', { id: post.threadId })
      .execute();
    await manager
      .createQueryBuilder()
      .update(ThreadTagEntity)
      .set({ lastActivityAt: post.createdAt })
      .where('thread_id = :id', { id: post.threadId })
      .execute();
  }

  findThread(id: string, manager?: EntityManager): Promise<ThreadEntity | null> {
    return (manager ?? this.dataSource.manager).getRepository(ThreadEntity).findOne({ where: { id } });
  }

  /**
   * Whether a thread is locked, read with a row lock (MySQL) that replies to it take first: writers
   * to one thread queue up instead of deadlocking on the post's foreign-key check and the thread's
   * reply counter.
   */
  async lockThreadForReply(id: string, manager: EntityManager): Promise<{ locked: boolean; hidden: boolean } | null> {
    const rows: { locked: number | boolean; hidden: number | boolean }[] = await manager.query(
      // eslint-disable-next-line no-restricted-syntax -- the lock clause is a constant chosen by database type
      `SELECT locked, hidden FROM discussion_threads WHERE id = ?${lockClause(manager)}`,
      [id],
    );
    return rows.length === 0
      ? null
      : { locked: Boolean(Number(rows[0].locked)), hidden: Boolean(Number(rows[0].hidden)) };
  }

  findPost(id: string, manager?: EntityManager): Promise<PostEntity | null> {
    return (manager ?? this.dataSource.manager).getRepository(PostEntity).findOne({ where: { id } });
  }

  findOpenings(threadIds: string[]): Promise<PostEntity[]> {
    if (threadIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(PostEntity).find({ where: { threadId: In(threadIds), isOpening: true } });
  }

  findThreads(ids: string[]): Promise<ThreadEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(ThreadEntity).find({ where: { id: In(ids) } });
  }

  findPosts(ids: string[]): Promise<PostEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(PostEntity).find({ where: { id: In(ids) } });
  }

  async updatePost(id: string, patch: Partial<PostEntity>, manager: EntityManager): Promise<void> {
    await manager.getRepository(PostEntity).update({ id }, patch);
  }

  async updateThread(id: string, patch: Partial<ThreadEntity>, manager: EntityManager): Promise<void> {
    await manager.getRepository(ThreadEntity).update({ id }, patch);
  }

  /** A page of threads with their opening posts and those posts' named authors: one statement. */
  /** One keyset page of the thread list: raw SQL built from the cached column list, values always bound. */
  async listThreads(filter: ThreadFilter): Promise<{ threads: ThreadWithOpening[]; authors: Map<string, PostAuthor> }> {
    const joins: string[] = [];
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.tag) {
      joins.push('INNER JOIN discussion_thread_tags tt ON tt.thread_id = t.id AND tt.tag = ?');
      params.push(filter.tag);
    }
    const visible: string[] = [];
    if (filter.audiences.length > 0) {
      visible.push(`t.audience IN (${filter.audiences.map(() => '?').join(', ')})`);
      params.push(...filter.audiences);
    }
    if (filter.ownMentorsOnlyOf) {
      visible.push('(t.audience = ? AND t.author_id = ?)');
      params.push(Audience.Mentors, filter.ownMentorsOnlyOf);
    }
    where.push(visible.length > 0 ? `(${visible.join(' OR ')})` : '1 = 0');
    if (filter.hiddenExceptAuthor) {
      where.push('(t.hidden = 0 OR t.author_id = ?)');
      params.push(filter.hiddenExceptAuthor);
    }
    if (filter.unanswered) where.push('t.reply_count = 0 AND t.accepted_post_id IS NULL');
    if (filter.q) {
      if (this.isMysql) {
        const terms = filter.q.replace(/[^\p{L}\p{N}\s]/gu, ' ').trim();
        if (terms) {
          where.push(
            '(MATCH(t.title) AGAINST (? IN NATURAL LANGUAGE MODE) OR t.id IN (SELECT p.thread_id FROM discussion_posts p WHERE p.deleted_at IS NULL AND p.hidden = 0 AND MATCH(p.body) AGAINST (? IN NATURAL LANGUAGE MODE)))',
          );
          params.push(terms, terms);
        }
      } else {
        const pattern = `%${escapeLike(filter.q.toLowerCase())}%`;
        where.push(
          "(LOWER(t.title) LIKE ? ESCAPE '!' OR t.id IN (SELECT p.thread_id FROM discussion_posts p WHERE p.deleted_at IS NULL AND p.hidden = 0 AND LOWER(p.body) LIKE ? ESCAPE '!'))",
        );
        params.push(pattern, pattern);
      }
    }
    if (filter.after) {
      const at = toDbTimestamp(filter.after.lastActivityAt);
      where.push('(t.last_activity_at < ? OR (t.last_activity_at = ? AND t.id < ?))');
      params.push(at, at, filter.after.id);
    }
    params.push(filter.limit + 1);
    const sql = `${this.statements.listHead} ${joins.join(' ')} WHERE ${where.join(' AND ')} ORDER BY t.last_activity_at DESC, t.id DESC LIMIT ?`;
    const rows: Record<string, unknown>[] = await this.dataSource.query(sql, params);
    const authors = new Map<string, PostAuthor>();
    const threads = rows.map((row) => this.threadWithOpening(row, authors));
    return { threads, authors };
  }

  /** A thread, its opening post and that post's author when named: one statement. */
  async findThreadWithOpening(id: string): Promise<(ThreadWithOpening & { authors: Map<string, PostAuthor> }) | null> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(this.statements.thread, [id]);
    if (rows.length === 0) return null;
    const authors = new Map<string, PostAuthor>();
    return { ...this.threadWithOpening(rows[0], authors), authors };
  }

  /**
   * A thread with its opening post and one keyset page of replies, with the named authors of all of
   * them, in one statement: the page is a derived table joined to its thread (one row per reply, or
   * a single row with no reply). The keyset index (thread_id, is_opening, created_at, id) keeps the
   * rows read equal to the rows returned, however deep the page.
   */
  async findThreadPage(
    threadId: string,
    limit: number,
    after?: { createdAt: Date; id: string },
  ): Promise<ThreadPage | null> {
    const rows: Record<string, unknown>[] = after
      ? await this.dataSource.query(this.statements.pageAfter, [
          threadId,
          toDbTimestamp(after.createdAt),
          toDbTimestamp(after.createdAt),
          after.id,
          limit + 1,
          threadId,
        ])
      : await this.dataSource.query(this.statements.firstPage, [threadId, limit + 1, threadId]);
    if (rows.length === 0) return null;
    const authors = new Map<string, PostAuthor>();
    const { thread, opening } = this.threadWithOpening(rows[0], authors);
    const replies: PostEntity[] = [];
    for (const row of rows) {
      const reply = hydrate(this.dataSource, PostEntity, row, 'r_');
      if (!reply) continue;
      replies.push(reply);
      if (row['ru_display_name'] != null)
        authors.set(reply.authorId, {
          id: reply.authorId,
          displayName: row['ru_display_name'] as string,
          role: row['ru_role'] as Role,
        });
    }
    // Keyset order: oldest first, ties by id (ids are lower-case hex, so code-unit order is the collation's).
    replies.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { thread, opening, replies, authors };
  }

  /** Built once from the entity metadata: explicit column lists, values always bound. */
  private get statements(): { listHead: string; thread: string; firstPage: string; pageAfter: string } {
    if (this.cachedStatements) return this.cachedStatements;
    const threadColumns = this.threadColumns();
    const threadFrom = `FROM discussion_threads t
       INNER JOIN discussion_posts o ON o.thread_id = t.id AND o.is_opening = 1
       LEFT JOIN users ou ON ou.id = o.author_id AND o.mode = 'normal'`;
    // The page's ids come from the keyset index alone (a covering range scan from the cursor), then the
    // rows by primary key: selecting the posts' other columns in the same scan makes MariaDB read the
    // thread's index from its first reply instead of seeking to the cursor. No ORDER BY outside: it
    // would sort the joined rows, text columns included, in an on-disk temporary table (a path on
    // which MariaDB 10.11 has crashed under load); the page is put in order here instead.
    const page = (
      keyset: string,
    ) => `SELECT ${threadColumns}, ${selectColumns(this.dataSource, PostEntity, 'r', 'r_')}, ru.display_name AS ru_display_name, ru.role AS ru_role
       ${threadFrom}
       LEFT JOIN (
         SELECT p.id AS page_id FROM discussion_posts p
         WHERE p.thread_id = ? AND p.is_opening = 0${keyset}
         ORDER BY p.created_at ASC, p.id ASC LIMIT ?
       ) page ON 1 = 1
       LEFT JOIN discussion_posts r ON r.id = page.page_id
       LEFT JOIN users ru ON ru.id = r.author_id AND r.mode = 'normal'
       WHERE t.id = ?`;
    this.cachedStatements = {
      listHead: `SELECT ${threadColumns} ${threadFrom}`,
      thread: `SELECT ${threadColumns} ${threadFrom} WHERE t.id = ?`,
      firstPage: page(''),
      pageAfter: page(' AND (p.created_at > ? OR (p.created_at = ? AND p.id > ?))'),
    };
    return this.cachedStatements;
  }

  private threadColumns(): string {
    return `${selectColumns(this.dataSource, ThreadEntity, 't', 't_')}, ${selectColumns(this.dataSource, PostEntity, 'o', 'o_')}, ou.display_name AS ou_display_name, ou.role AS ou_role`;
  }

  private threadWithOpening(row: Record<string, unknown>, authors: Map<string, PostAuthor>): ThreadWithOpening {
    const thread = hydrate(this.dataSource, ThreadEntity, row, 't_') as ThreadEntity;
    const opening = hydrate(this.dataSource, PostEntity, row, 'o_') as PostEntity;
    if (row['ou_display_name'] != null)
      authors.set(opening.authorId, {
        id: opening.authorId,
        displayName: row['ou_display_name'] as string,
        role: row['ou_role'] as Role,
      });
    return { thread, opening };
  }

  async addReport(report: PostReportEntity): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(PostReportEntity)
      .values(report)
      .orIgnore()
      .updateEntity(false)
      .execute();
  }

  listReports(
    status: 'open' | 'resolved',
    limit: number,
    after?: { createdAt: Date; id: string },
  ): Promise<PostReportEntity[]> {
    const query = this.dataSource
      .getRepository(PostReportEntity)
      .createQueryBuilder('r')
      .where('r.status = :status', { status });
    if (after)
      query.andWhere('(r.created_at < :createdAt OR (r.created_at = :createdAt AND r.id < :id))', {
        createdAt: after.createdAt,
        id: after.id,
      });
    return query
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(limit + 1)
      .getMany();
  }

  findReport(id: string, manager: EntityManager): Promise<PostReportEntity | null> {
    return manager.getRepository(PostReportEntity).findOneBy({ id });
  }

  /** Resolves one report if it is still open; false when someone resolved it first. */
  async resolveReport(id: string, manager: EntityManager): Promise<boolean> {
    const result = await manager.getRepository(PostReportEntity).update({ id, status: 'open' }, { status: 'resolved' });
    return (result.affected ?? 0) > 0;
  }

  async resolveReports(postId: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(PostReportEntity).update({ postId, status: 'open' }, { status: 'resolved' });
  }

  async resolveThreadReports(threadId: string, manager: EntityManager): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(PostReportEntity)
      .set({ status: 'resolved' })
      .where('status = :open AND post_id IN (SELECT p.id FROM discussion_posts p WHERE p.thread_id = :threadId)', {
        open: 'open',
        threadId,
      })
      .execute();
  }

  async insertRevealRequest(row: RevealRequestEntity, manager: EntityManager): Promise<void> {
    await insertRows(manager, RevealRequestEntity, [row]);
  }

  findRevealRequest(id: string, manager?: EntityManager): Promise<RevealRequestEntity | null> {
    return (manager ?? this.dataSource.manager).getRepository(RevealRequestEntity).findOne({ where: { id } });
  }

  /** Only one decision per request: a conditional UPDATE from pending. */
  async decideRevealRequest(
    id: string,
    status: 'approved' | 'rejected',
    adminId: string,
    now: Date,
    manager: EntityManager,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(RevealRequestEntity)
      .set({ status, decidedBy: adminId, decidedAt: now })
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .execute();
    return result.affected === 1;
  }

  listRevealRequests(limit: number, after?: { createdAt: Date; id: string }): Promise<RevealRequestEntity[]> {
    const query = this.dataSource.getRepository(RevealRequestEntity).createQueryBuilder('r');
    if (after)
      query.where('(r.created_at < :createdAt OR (r.created_at = :createdAt AND r.id < :id))', {
        createdAt: after.createdAt,
        id: after.id,
      });
    return query
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(limit + 1)
      .getMany();
  }
}
