import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { insertRows } from '../../database/insert-rows';
import { escapeLike } from '../users/users.repository';
import { Audience, PostEntity, PostReportEntity, RevealRequestEntity, ThreadEntity, ThreadTagEntity } from './discussion.entities';

export interface ThreadFilter {
  tag?: string;
  audiences: Audience[];
  /** Also threads of this audience the viewer wrote (students see their own mentors-only threads). */
  ownMentorsOnlyOf?: string;
  unanswered?: boolean;
  q?: string;
  after?: { lastActivityAt: Date; id: string };
  limit: number;
}

@Injectable()
export class DiscussionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get isMysql(): boolean {
    return this.dataSource.options.type === 'mysql';
  }

  async insertThread(thread: ThreadEntity, opening: PostEntity, tags: string[], manager: EntityManager): Promise<void> {
    await insertRows(manager, ThreadEntity, [thread]);
    await insertRows(manager, PostEntity, [opening]);
    if (tags.length > 0) await insertRows(manager, ThreadTagEntity, tags.map((tag) => Object.assign(new ThreadTagEntity(), { threadId: thread.id, tag, lastActivityAt: thread.lastActivityAt })));
  }

  async insertReply(post: PostEntity, manager: EntityManager): Promise<void> {
    await insertRows(manager, PostEntity, [post]);
    await manager
      .createQueryBuilder()
      .update(ThreadEntity)
      .set({ replyCount: () => 'reply_count + 1', lastActivityAt: post.createdAt })
      .where('id = :id', { id: post.threadId })
      .execute();
    await manager.createQueryBuilder().update(ThreadTagEntity).set({ lastActivityAt: post.createdAt }).where('thread_id = :id', { id: post.threadId }).execute();
  }

  findThread(id: string, manager?: EntityManager): Promise<ThreadEntity | null> {
    return (manager ?? this.dataSource.manager).getRepository(ThreadEntity).findOne({ where: { id } });
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

  async listThreads(filter: ThreadFilter): Promise<ThreadEntity[]> {
    const query = this.dataSource.getRepository(ThreadEntity).createQueryBuilder('t');
    if (filter.tag) query.innerJoin(ThreadTagEntity, 'tt', 'tt.thread_id = t.id AND tt.tag = :tag', { tag: filter.tag });
    const visible: string[] = [];
    if (filter.audiences.length > 0) visible.push('t.audience IN (:...audiences)');
    if (filter.ownMentorsOnlyOf) visible.push('(t.audience = :mentors AND t.author_id = :own)');
    // eslint-disable-next-line no-restricted-syntax -- joins constant conditions; the values are bound
    query.andWhere(`(${visible.join(' OR ')})`, { audiences: filter.audiences, mentors: Audience.Mentors, own: filter.ownMentorsOnlyOf });
    if (filter.unanswered) query.andWhere('t.reply_count = 0 AND t.accepted_post_id IS NULL');
    if (filter.q) {
      if (this.isMysql) {
        const terms = filter.q.replace(/[^\p{L}\p{N}\s]/gu, ' ').trim();
        if (terms) {
          query.andWhere(
            '(MATCH(t.title) AGAINST (:terms IN NATURAL LANGUAGE MODE) OR t.id IN (SELECT p.thread_id FROM discussion_posts p WHERE p.deleted_at IS NULL AND p.hidden = 0 AND MATCH(p.body) AGAINST (:terms IN NATURAL LANGUAGE MODE)))',
            { terms },
          );
        }
      } else {
        const pattern = `%${escapeLike(filter.q.toLowerCase())}%`;
        query.andWhere(
          "(LOWER(t.title) LIKE :pattern ESCAPE '!' OR t.id IN (SELECT p.thread_id FROM discussion_posts p WHERE p.deleted_at IS NULL AND p.hidden = 0 AND LOWER(p.body) LIKE :pattern ESCAPE '!'))",
          { pattern },
        );
      }
    }
    if (filter.after) {
      query.andWhere('(t.last_activity_at < :at OR (t.last_activity_at = :at AND t.id < :id))', { at: filter.after.lastActivityAt, id: filter.after.id });
    }
    return query.orderBy('t.last_activity_at', 'DESC').addOrderBy('t.id', 'DESC').limit(filter.limit + 1).getMany();
  }

  listReplies(threadId: string, limit: number, after?: { createdAt: Date; id: string }): Promise<PostEntity[]> {
    const query = this.dataSource
      .getRepository(PostEntity)
      .createQueryBuilder('p')
      .where('p.thread_id = :threadId AND p.is_opening = :opening', { threadId, opening: false });
    if (after) query.andWhere('(p.created_at > :createdAt OR (p.created_at = :createdAt AND p.id > :id))', { createdAt: after.createdAt, id: after.id });
    return query.orderBy('p.created_at', 'ASC').addOrderBy('p.id', 'ASC').limit(limit + 1).getMany();
  }

  async addReport(report: PostReportEntity): Promise<void> {
    await this.dataSource.createQueryBuilder().insert().into(PostReportEntity).values(report).orIgnore().updateEntity(false).execute();
  }

  listReports(status: 'open' | 'resolved', limit: number, after?: { createdAt: Date; id: string }): Promise<PostReportEntity[]> {
    const query = this.dataSource.getRepository(PostReportEntity).createQueryBuilder('r').where('r.status = :status', { status });
    if (after) query.andWhere('(r.created_at < :createdAt OR (r.created_at = :createdAt AND r.id < :id))', { createdAt: after.createdAt, id: after.id });
    return query.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC').limit(limit + 1).getMany();
  }

  async resolveReports(postId: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(PostReportEntity).update({ postId, status: 'open' }, { status: 'resolved' });
  }

  async insertRevealRequest(row: RevealRequestEntity, manager: EntityManager): Promise<void> {
    await insertRows(manager, RevealRequestEntity, [row]);
  }

  findRevealRequest(id: string, manager?: EntityManager): Promise<RevealRequestEntity | null> {
    return (manager ?? this.dataSource.manager).getRepository(RevealRequestEntity).findOne({ where: { id } });
  }

  /** Only one decision per request: a conditional UPDATE from pending. */
  async decideRevealRequest(id: string, status: 'approved' | 'rejected', adminId: string, now: Date, manager: EntityManager): Promise<boolean> {
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
    if (after) query.where('(r.created_at < :createdAt OR (r.created_at = :createdAt AND r.id < :id))', { createdAt: after.createdAt, id: after.id });
    return query.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC').limit(limit + 1).getMany();
  }
}
