import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import type { AuthUser } from '../../common/auth/auth-user';
import { newId } from '../../common/crypto';
import { DomainEventBus } from '../../common/events/domain-event';
import { ValidationFailedError } from '../../common/errors/domain-error';
import { Page } from '../../common/pagination';
import { mapPage } from '../../database/keyset-page';
import { AuditService } from '../audit/audit.service';
import { SettingsService } from '../settings/settings.service';
import { Role } from '../../common/auth/role';
import { UsersService } from '../users/users.service';
import { DiscussionViewMapper, NamedAuthor } from './discussion-view.mapper';
import { maySeeRevealedAuthor, requireThread, threadScope } from './discussions.access';
import {
  Audience,
  PostEntity,
  PostMode,
  PostReportEntity,
  RevealRequestEntity,
  ThreadEntity,
} from './discussion.entities';
import { DiscussionsRepository, PostAuthor, ThreadWithOpening } from './discussions.repository';
import {
  CreatePostDto,
  CreateThreadDto,
  PostDto,
  ReportDto,
  ReportPostDto,
  RevealRequestCreateDto,
  RevealRequestDto,
  ThreadDto,
  ThreadQueryDto,
  UpdatePostDto,
} from './dto/discussion.dto';
import {
  DiscussionNotFoundError,
  NotAMentorReplyError,
  NotAnonymousError,
  NotThreadAuthorError,
  NotYourPostError,
  PostDeletedError,
  ReportNotFoundError,
  RevealNeedsSecondAdminError,
  RevealNotPendingError,
  ThreadHiddenError,
  ThreadLockedError,
} from './discussions.errors';
import { RevealIndependence } from './reveal-independence';

@Injectable()
export class DiscussionsService {
  private mapperPromise?: Promise<DiscussionViewMapper>;

  constructor(
    private readonly repository: DiscussionsRepository,
    private readonly users: UsersService,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
    private readonly events: DomainEventBus,
    private readonly independence: RevealIndependence,
  ) {}

  async createThread(viewer: AuthUser, dto: CreateThreadDto): Promise<ThreadDto> {
    this.assertModeAllowed(viewer, dto.mode);
    const now = new Date();
    const tags = [...new Set(dto.tags ?? [])];
    const thread = Object.assign(new ThreadEntity(), {
      id: newId(),
      authorId: viewer.id,
      audience: dto.audience,
      title: dto.title,
      tags: tags.join(','),
      locked: false,
      hidden: false,
      acceptedPostId: null,
      replyCount: 0,
      lastActivityAt: now,
      createdAt: now,
    });
    const opening = this.newPost(thread.id, viewer.id, dto.mode, dto.body, true, now);
    await this.storeThread(thread, opening, tags);
    return (await this.mapper()).thread(thread, opening, viewer, await this.namedAuthors([opening]));
  }

  async listThreads(viewer: AuthUser, query: ThreadQueryDto): Promise<Page<ThreadDto>> {
    const page = await this.repository.listThreads(
      {
        tag: query.tag,
        scope: threadScope(viewer, query.audience ? [query.audience] : [Audience.Community, Audience.Mentors]),
        unanswered: query.unanswered,
        q: query.q || undefined,
      },
      { limit: query.limit ?? 20, cursor: query.cursor },
    );
    const mapper = await this.mapper();
    const authors = authorsOf(page.items.map((t) => t.openingAuthor));
    return mapPage(page, ({ thread, opening }) => mapper.thread(thread, opening, viewer, authors));
  }

  async getThread(viewer: AuthUser, id: string): Promise<ThreadDto> {
    const { thread, opening, openingAuthor } = requireThread(viewer, await this.repository.findThreadWithOpening(id));
    return (await this.mapper()).thread(thread, opening, viewer, authorsOf([openingAuthor]));
  }

  async listPosts(
    viewer: AuthUser,
    threadId: string,
    query: { limit?: number; cursor?: string },
  ): Promise<Page<PostDto>> {
    const { thread, opening, openingAuthor, replies } = requireThread(
      viewer,
      await this.repository.findThreadPage(threadId, { limit: query.limit ?? 20, cursor: query.cursor }),
    );
    const authors = authorsOf([openingAuthor, ...replies.items.map((r) => r.author)]);
    const mapper = await this.mapper();
    return mapPage(replies, ({ post }) => mapper.post(post, thread, opening, viewer, authors));
  }

  async reply(viewer: AuthUser, threadId: string, dto: CreatePostDto): Promise<PostDto> {
    this.assertModeAllowed(viewer, dto.mode);
    const { thread, opening } = await this.visibleThread(viewer, threadId);
    if (thread.hidden) throw new ThreadHiddenError();
    if (thread.locked) throw new ThreadLockedError();
    const post = this.newPost(thread.id, viewer.id, dto.mode, dto.body, false, new Date());
    await this.appendReply(post);
    const [mapper, people] = await Promise.all([this.mapper(), this.namedAuthors([opening, post])]);
    // Only when someone else wrote the thread, so the event needs no actor to spare the author a
    // notification about their own reply. It refers to the thread and never copies its title or the
    // reply's words (they may be edited, deleted or hidden later); an anonymous replier's id stays out.
    if (thread.authorId !== viewer.id) {
      this.events.publish({
        type: 'discussion.reply',
        at: post.createdAt.toISOString(),
        actorId: post.mode === PostMode.Anonymous ? null : viewer.id,
        audience: [thread.authorId],
        subject: { type: 'thread', id: thread.id },
        data: { threadId: thread.id, postId: post.id, shownAs: mapper.shownName(post, thread, opening, people) },
      });
    }
    return mapper.post(post, Object.assign(thread, { replyCount: thread.replyCount + 1 }), opening, viewer, people);
  }

  async updatePost(viewer: AuthUser, postId: string, dto: UpdatePostDto): Promise<PostDto> {
    const { post, thread, opening } = await this.visiblePost(viewer, postId);
    if (post.authorId !== viewer.id) throw new NotYourPostError();
    if (post.deletedAt) throw new PostDeletedError();
    if (dto.title !== undefined && !post.isOpening)
      throw new ValidationFailedError([{ field: 'title', message: 'only the opening post has a title' }]);
    const now = new Date();
    const patch: Partial<PostEntity> = {};
    if (dto.body !== undefined && dto.body !== post.body) patch.body = dto.body;
    // One way only: an author may sign an anonymous post, never hide a named one.
    if (dto.mode === PostMode.Normal && post.mode === PostMode.Anonymous) patch.mode = PostMode.Normal;
    if (Object.keys(patch).length > 0) patch.editedAt = now;
    await this.storeEdit(post, patch, thread, dto.title !== undefined && dto.title !== thread.title ? dto.title : null);
    Object.assign(post, patch);
    if (post.isOpening) Object.assign(opening, patch);
    if (dto.title !== undefined) thread.title = dto.title;
    return (await this.mapper()).post(post, thread, opening, viewer, await this.namedAuthors([opening, post]));
  }

  async deletePost(viewer: AuthUser, postId: string): Promise<void> {
    const { post } = await this.visiblePost(viewer, postId);
    if (post.authorId !== viewer.id) throw new NotYourPostError();
    if (post.deletedAt) return;
    // The text is erased, not only hidden: a deleted post keeps nothing of what was said.
    await this.repository.updatePost(post.id, { deletedAt: new Date(), body: '' });
  }

  async acceptAnswer(viewer: AuthUser, postId: string): Promise<PostDto> {
    const { post, thread, opening } = await this.visiblePost(viewer, postId);
    if (thread.authorId !== viewer.id) throw new NotThreadAuthorError();
    if (thread.hidden) throw new ThreadHiddenError();
    if (post.isOpening || post.deletedAt || post.mode !== PostMode.Normal) throw new NotAMentorReplyError();
    const author = await this.users.findById(post.authorId);
    if (author?.role !== Role.Mentor) throw new NotAMentorReplyError();
    await this.repository.updateThread(thread.id, { acceptedPostId: post.id });
    thread.acceptedPostId = post.id;
    this.events.publish({
      type: 'discussion.answer_accepted',
      at: new Date().toISOString(),
      // The thread's author accepts: in an anonymous thread their id must not travel with the event.
      actorId: opening.mode === PostMode.Anonymous ? null : viewer.id,
      audience: [post.authorId],
      subject: { type: 'thread', id: thread.id },
      data: { threadId: thread.id, postId: post.id },
    });
    return (await this.mapper()).post(post, thread, opening, viewer, await this.namedAuthors([opening, post]));
  }

  async report(viewer: AuthUser, postId: string, dto: ReportPostDto): Promise<void> {
    const { post } = await this.visiblePost(viewer, postId);
    await this.repository.addReport(
      Object.assign(new PostReportEntity(), {
        id: newId(),
        postId: post.id,
        reporterId: viewer.id,
        reason: dto.reason,
        status: 'open',
        createdAt: new Date(),
      }),
    );
  }

  async setHidden(admin: AuthUser, postId: string, hidden: boolean): Promise<PostDto> {
    const post = await this.repository.findPost(postId);
    if (!post) throw new DiscussionNotFoundError();
    await this.storePostHidden(admin, post, hidden);
    post.hidden = hidden;
    const { thread, opening } = await this.threadWithOpening(post.threadId);
    return (await this.mapper()).post(
      post,
      thread,
      post.isOpening ? post : opening,
      admin,
      await this.namedAuthors([opening, post]),
    );
  }

  /** Hides or shows a whole thread, title included; its open reports are resolved with it. Audited. */
  async setThreadHidden(admin: AuthUser, threadId: string, hidden: boolean): Promise<ThreadDto> {
    const { thread, opening } = await this.threadWithOpening(threadId);
    await this.storeThreadHidden(admin, thread, hidden);
    thread.hidden = hidden;
    return (await this.mapper()).thread(thread, opening, admin, await this.namedAuthors([opening]));
  }

  async setLocked(admin: AuthUser, threadId: string, locked: boolean): Promise<ThreadDto> {
    const { thread, opening } = await this.threadWithOpening(threadId);
    await this.storeThreadLocked(admin, thread, locked);
    thread.locked = locked;
    return (await this.mapper()).thread(thread, opening, admin, await this.namedAuthors([opening]));
  }

  async listReports(
    admin: AuthUser,
    query: { limit?: number; cursor?: string; status?: 'open' | 'resolved' },
  ): Promise<Page<ReportDto>> {
    const reports = await this.repository.listReports(query.status ?? 'open', {
      limit: query.limit ?? 20,
      cursor: query.cursor,
    });
    const posts = new Map(
      (await this.repository.findPosts([...new Set(reports.items.map((r) => r.postId))])).map((p) => [p.id, p]),
    );
    const threads = new Map(
      (await this.repository.findThreads([...new Set([...posts.values()].map((p) => p.threadId))])).map((t) => [
        t.id,
        t,
      ]),
    );
    const openings = new Map((await this.repository.findOpenings([...threads.keys()])).map((p) => [p.threadId, p]));
    const [mapper, people] = await Promise.all([
      this.mapper(),
      this.namedAuthors([...posts.values(), ...openings.values()]),
    ]);
    return mapPage(reports, (r) => {
      const post = posts.get(r.postId)!;
      const thread = threads.get(post.threadId)!;
      return {
        id: r.id,
        reason: r.reason,
        status: r.status,
        createdAt: r.createdAt.toISOString(),
        post: mapper.post(post, thread, openings.get(thread.id)!, admin, people),
        threadTitle: thread.title,
      };
    });
  }

  /** Closes a report without acting on the post (it stays visible); audited. Dismissing twice is harmless. */
  @Transactional()
  async dismissReport(admin: AuthUser, reportId: string): Promise<void> {
    const report = await this.repository.findReport(reportId);
    if (!report) throw new ReportNotFoundError();
    if (await this.repository.resolveReport(report.id)) {
      await this.audit.record({
        actorId: admin.id,
        action: 'report.dismissed',
        targetType: 'post',
        targetId: report.postId,
        details: { reportId: report.id },
      });
    }
  }

  async requestReveal(admin: AuthUser, postId: string, dto: RevealRequestCreateDto): Promise<RevealRequestDto> {
    const post = await this.repository.findPost(postId);
    if (!post) throw new DiscussionNotFoundError();
    if (post.mode !== PostMode.Anonymous) throw new NotAnonymousError();
    const now = new Date();
    await this.independence.assertMayRequest(admin, now);
    const request = Object.assign(new RevealRequestEntity(), {
      id: newId(),
      postId: post.id,
      requestedBy: admin.id,
      reason: dto.reason,
      status: 'pending',
      decidedBy: null,
      decidedAt: null,
      createdAt: now,
    });
    await this.storeRevealRequest(admin, request);
    return (await this.revealDtos(admin, [request]))[0];
  }

  /**
   * Break-glass: a second, independent admin approves; only then is the author shown, to the two
   * admins involved. Both steps are audited (without the author) and the author is told.
   */
  async decideReveal(admin: AuthUser, id: string, decision: 'approved' | 'rejected'): Promise<RevealRequestDto> {
    const request = await this.repository.findRevealRequest(id);
    if (!request) throw new DiscussionNotFoundError();
    if (request.status !== 'pending') throw new RevealNotPendingError(request.status);
    if (decision === 'approved' && request.requestedBy === admin.id) throw new RevealNeedsSecondAdminError();
    const now = new Date();
    if (decision === 'approved') await this.independence.assertMayApprove(admin, request.requestedBy, now);
    await this.storeRevealDecision(admin, request, decision, now);
    Object.assign(request, { status: decision, decidedBy: admin.id, decidedAt: now });
    if (decision === 'approved') {
      const post = await this.repository.findPost(request.postId);
      const thread = post ? await this.repository.findThread(post.threadId) : null;
      if (post && thread) {
        this.events.publish({
          type: 'discussion.revealed',
          at: now.toISOString(),
          actorId: null,
          audience: [post.authorId],
          subject: { type: 'thread', id: thread.id },
          data: { threadId: thread.id, reason: request.reason },
        });
      }
    }
    return (await this.revealDtos(admin, [request]))[0];
  }

  async listRevealRequests(
    admin: AuthUser,
    query: { limit?: number; cursor?: string },
  ): Promise<Page<RevealRequestDto>> {
    const page = await this.repository.listRevealRequests({ limit: query.limit ?? 20, cursor: query.cursor });
    return { items: await this.revealDtos(admin, page.items), nextCursor: page.nextCursor };
  }

  private async revealDtos(admin: AuthUser, requests: RevealRequestEntity[]): Promise<RevealRequestDto[]> {
    const posts = new Map((await this.repository.findPosts(requests.map((r) => r.postId))).map((p) => [p.id, p]));
    const revealedTo = (r: RevealRequestEntity) => maySeeRevealedAuthor(admin, r);
    const authorIds = requests
      .filter(revealedTo)
      .map((r) => posts.get(r.postId)?.authorId)
      .filter((id): id is string => Boolean(id));
    const people = new Map(
      (
        await this.users.findByIds([
          ...new Set([...requests.flatMap((r) => [r.requestedBy, r.decidedBy ?? '']).filter(Boolean), ...authorIds]),
        ])
      ).map((u) => [u.id, u]),
    );
    return requests.map((r) => {
      const post = posts.get(r.postId);
      const author = revealedTo(r) && post ? people.get(post.authorId) : undefined;
      return {
        id: r.id,
        postId: r.postId,
        threadId: post?.threadId ?? '',
        reason: r.reason,
        status: r.status,
        requestedById: r.requestedBy,
        requestedByName: people.get(r.requestedBy)?.displayName ?? 'Former admin',
        decidedByName: r.decidedBy ? (people.get(r.decidedBy)?.displayName ?? 'Former admin') : null,
        createdAt: r.createdAt.toISOString(),
        decidedAt: r.decidedAt?.toISOString() ?? null,
        ...(author
          ? { author: { id: author.id, displayName: author.displayName, email: author.email, role: author.role } }
          : {}),
      };
    });
  }

  /** Stores a whole thread as given, its replies in order and an accepted one marked (the demo programme). */
  @Transactional()
  async importThread(
    thread: ThreadEntity,
    opening: PostEntity,
    tags: string[],
    replies: { post: PostEntity; accepted?: boolean }[],
  ): Promise<void> {
    await this.repository.insertThread(thread, opening, tags);
    for (const { post, accepted } of replies) {
      await this.repository.insertReply(post);
      if (accepted) await this.repository.updateThread(thread.id, { acceptedPostId: post.id });
    }
  }

  // The writes of the methods above, each one transaction: reads of other modules and the
  // mapping stay outside, so a row lock is held only as long as the writes take.

  @Transactional()
  private async storeThread(thread: ThreadEntity, opening: PostEntity, tags: string[]): Promise<void> {
    await this.repository.insertThread(thread, opening, tags);
  }

  @Transactional()
  private async appendReply(post: PostEntity): Promise<void> {
    const current = await this.repository.lockThreadForReply(post.threadId);
    if (current?.hidden) throw new ThreadHiddenError();
    if (current?.locked) throw new ThreadLockedError();
    await this.repository.insertReply(post);
  }

  @Transactional()
  private async storeEdit(
    post: PostEntity,
    patch: Partial<PostEntity>,
    thread: ThreadEntity,
    title: string | null,
  ): Promise<void> {
    if (Object.keys(patch).length > 0) await this.repository.updatePost(post.id, patch);
    if (title !== null) await this.repository.updateThread(thread.id, { title });
  }

  @Transactional()
  private async storePostHidden(admin: AuthUser, post: PostEntity, hidden: boolean): Promise<void> {
    await this.repository.updatePost(post.id, { hidden });
    if (hidden) await this.repository.resolveReports(post.id);
    await this.audit.record({
      actorId: admin.id,
      action: hidden ? 'post.hidden' : 'post.unhidden',
      targetType: 'post',
      targetId: post.id,
      details: { threadId: post.threadId },
    });
  }

  @Transactional()
  private async storeThreadHidden(admin: AuthUser, thread: ThreadEntity, hidden: boolean): Promise<void> {
    await this.repository.updateThread(thread.id, { hidden });
    if (hidden) await this.repository.resolveThreadReports(thread.id);
    await this.audit.record({
      actorId: admin.id,
      action: hidden ? 'thread.hidden' : 'thread.unhidden',
      targetType: 'thread',
      targetId: thread.id,
    });
  }

  @Transactional()
  private async storeThreadLocked(admin: AuthUser, thread: ThreadEntity, locked: boolean): Promise<void> {
    await this.repository.updateThread(thread.id, { locked });
    await this.audit.record({
      actorId: admin.id,
      action: locked ? 'thread.locked' : 'thread.unlocked',
      targetType: 'thread',
      targetId: thread.id,
    });
  }

  @Transactional()
  private async storeRevealRequest(admin: AuthUser, request: RevealRequestEntity): Promise<void> {
    await this.repository.insertRevealRequest(request);
    await this.audit.record({
      actorId: admin.id,
      action: 'reveal.requested',
      targetType: 'post',
      targetId: request.postId,
      details: { revealRequestId: request.id, reason: request.reason },
    });
  }

  @Transactional()
  private async storeRevealDecision(
    admin: AuthUser,
    request: RevealRequestEntity,
    decision: 'approved' | 'rejected',
    now: Date,
  ): Promise<void> {
    if (!(await this.repository.decideRevealRequest(request.id, decision, admin.id, now)))
      throw new RevealNotPendingError('decided');
    await this.audit.record({
      actorId: admin.id,
      action: `reveal.${decision}`,
      targetType: 'post',
      targetId: request.postId,
      details: { revealRequestId: request.id },
    });
  }

  private assertModeAllowed(viewer: AuthUser, mode: PostMode): void {
    if (mode === PostMode.Anonymous && viewer.role !== Role.Student) {
      throw new ValidationFailedError([
        {
          field: 'mode',
          message: 'only students can post anonymously; mentors and admins always post with their name',
        },
      ]);
    }
  }

  private async threadWithOpening(threadId: string): Promise<ThreadWithOpening> {
    const found = await this.repository.findThreadWithOpening(threadId);
    if (!found) throw new DiscussionNotFoundError();
    return found;
  }

  private async visibleThread(viewer: AuthUser, threadId: string): Promise<ThreadWithOpening> {
    return requireThread(viewer, await this.repository.findThreadWithOpening(threadId));
  }

  private async visiblePost(
    viewer: AuthUser,
    postId: string,
  ): Promise<{ post: PostEntity; thread: ThreadEntity; opening: PostEntity }> {
    const post = await this.repository.findPost(postId);
    if (!post) throw new DiscussionNotFoundError();
    const { thread, opening } = await this.visibleThread(viewer, post.threadId);
    return { post, thread, opening: post.isOpening ? post : opening };
  }

  /** Names are looked up for named posts only: an anonymous author's account is never read here. */
  private async namedAuthors(posts: PostEntity[]): Promise<Map<string, NamedAuthor>> {
    const ids = [...new Set(posts.filter((p) => p.mode === PostMode.Normal).map((p) => p.authorId))];
    return new Map(
      (await this.users.findByIds(ids)).map((u) => [u.id, { id: u.id, displayName: u.displayName, role: u.role }]),
    );
  }

  private mapper(): Promise<DiscussionViewMapper> {
    this.mapperPromise ??= this.settings.pseudonymSecret().then((secret) => new DiscussionViewMapper(secret));
    return this.mapperPromise;
  }

  private newPost(
    threadId: string,
    authorId: string,
    mode: PostMode,
    body: string,
    isOpening: boolean,
    now: Date,
  ): PostEntity {
    return Object.assign(new PostEntity(), {
      id: newId(),
      threadId,
      authorId,
      isOpening,
      mode,
      body,
      hidden: false,
      deletedAt: null,
      editedAt: null,
      createdAt: now,
    });
  }
}

/** The named authors found with the posts (anonymous ones are never read, so they are absent here). */
function authorsOf(authors: (PostAuthor | null)[]): Map<string, NamedAuthor> {
  return new Map(authors.filter((a): a is PostAuthor => a !== null).map((a) => [a.id, a]));
}
