import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { Api } from '@app/core/api/api';
import { discussionsAccept } from '@app/core/api/fn/discussions/discussions-accept';
import { discussionsGet } from '@app/core/api/fn/discussions/discussions-get';
import { discussionsPosts } from '@app/core/api/fn/discussions/discussions-posts';
import { discussionsRemove } from '@app/core/api/fn/discussions/discussions-remove';
import { discussionsReply } from '@app/core/api/fn/discussions/discussions-reply';
import { discussionsUpdate } from '@app/core/api/fn/discussions/discussions-update';
import { moderationHide } from '@app/core/api/fn/moderation/moderation-hide';
import { moderationHideThread } from '@app/core/api/fn/moderation/moderation-hide-thread';
import { moderationLock } from '@app/core/api/fn/moderation/moderation-lock';
import { moderationUnhide } from '@app/core/api/fn/moderation/moderation-unhide';
import { moderationUnhideThread } from '@app/core/api/fn/moderation/moderation-unhide-thread';
import { moderationUnlock } from '@app/core/api/fn/moderation/moderation-unlock';
import type { PostDto } from '@app/core/api/models/post-dto';
import type { PostMode } from '@app/core/api/models/post-mode';
import type { ThreadDto } from '@app/core/api/models/thread-dto';
import { AuthStore } from '@app/core/auth/auth-store';
import { problemCode, problemMessage } from '@app/core/errors/problem';
import { KeysetList } from '@app/shared/keyset-list';
import { LoadError } from '@app/shared/ui/load-error';
import { Loading } from '@app/shared/ui/loading';
import { Dialogs } from '@app/shared/ui/dialogs';
import { Notifier } from '@app/shared/ui/notifier';
import type { RevealRequestData } from '@app/features/admin/moderation/reveal-request-dialog';
import { AUDIENCE_LABELS } from '@app/features/discussions/discussion-filters';
import { canPostAnonymously, ownPseudonym } from '@app/features/discussions/post/post-appearance';
import { PostAction, PostCard } from '@app/features/discussions/post/post-card';
import { PostModeSwitch } from '@app/features/discussions/post/post-mode-switch';
import type { EditPostData, EditPostResult } from './edit-post-dialog';
import type { ReportPostData } from './report-post-dialog';

export const REPLIES_PAGE_SIZE = 30;
export const BODY_MAX_LENGTH = 10000;

/** One thread: the opening post, the replies (oldest first) and the reply composer. */
@Component({
  selector: 'pp-thread-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    PostCard,
    PostModeSwitch,
    Loading,
    LoadError,
  ],
  templateUrl: './thread-page.html',
  styleUrl: './thread-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ThreadPage {
  private readonly api = inject(Api);
  private readonly dialogs = inject(Dialogs);
  private readonly notifier = inject(Notifier);
  private readonly auth = inject(AuthStore);
  private readonly title = inject(Title);

  /** From the route (`/discussions/:id`). */
  readonly id = input.required<string>();

  protected readonly bodyMax = BODY_MAX_LENGTH;
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly thread = signal<ThreadDto | null>(null);
  protected readonly replies = new KeysetList<PostDto>((cursor) =>
    this.api.invoke(discussionsPosts, { id: this.id(), limit: REPLIES_PAGE_SIZE, cursor }),
  );
  protected readonly error = signal('');
  protected readonly busyPostId = signal<string | null>(null);
  /** A lock or hide of the whole thread is on its way. */
  protected readonly moderating = signal(false);
  protected readonly replyMode = signal<PostMode>('normal');
  protected readonly replying = signal(false);
  protected readonly replyError = signal('');
  protected readonly replyStatus = signal('');
  protected readonly pseudonym = computed(() => {
    const thread = this.thread();
    return thread ? ownPseudonym([thread.opening, ...this.replies.items()]) : null;
  });
  protected readonly audienceLabel = computed(() => {
    const thread = this.thread();
    return thread ? AUDIENCE_LABELS[thread.audience] : '';
  });
  protected readonly replyForm = inject(NonNullableFormBuilder).group({
    body: ['', [Validators.required, Validators.maxLength(BODY_MAX_LENGTH)]],
  });

  private generation = 0;

  constructor() {
    effect(() => {
      this.id();
      untracked(() => void this.load());
    });
  }

  protected async load(): Promise<void> {
    const id = this.id();
    const generation = ++this.generation;
    this.error.set('');
    this.thread.set(null);
    try {
      const [thread] = await Promise.all([this.api.invoke(discussionsGet, { id }), this.replies.reload()]);
      if (generation !== this.generation) return;
      if (this.replies.error()) {
        this.error.set(this.replies.error());
        return;
      }
      this.thread.set(thread);
      this.title.setTitle(`${thread.title ?? 'Hidden discussion'} · Discussions · PeerPals`);
      this.replyMode.set(this.preferredMode([thread.opening, ...this.replies.items()]));
    } catch (error) {
      if (generation === this.generation) this.error.set(problemMessage(error));
    }
  }

  protected async postReply(form: FormGroupDirective): Promise<void> {
    const thread = this.thread();
    if (!thread || this.replying()) return;
    if (this.replyForm.invalid || !this.replyForm.controls.body.value.trim()) {
      this.replyForm.markAllAsTouched();
      return;
    }
    this.replying.set(true);
    this.replyError.set('');
    this.replyStatus.set('');
    try {
      const mode: PostMode = canPostAnonymously(this.auth.role()) ? this.replyMode() : 'normal';
      const post = await this.api.invoke(discussionsReply, {
        id: thread.id,
        body: { body: this.replyForm.controls.body.value.trim(), mode },
      });
      this.replies.append([post]);
      this.thread.update((t) => (t ? { ...t, replyCount: t.replyCount + 1, lastActivityAt: post.createdAt } : t));
      // Through the directive, so the form is no longer 'submitted' and the empty field shows no error.
      form.resetForm({ body: '' });
      this.replyStatus.set(`Your reply was posted as ${post.author.displayName}.`);
    } catch (error) {
      if (problemCode(error) === 'THREAD_LOCKED') this.thread.update((t) => (t ? { ...t, locked: true } : t));
      if (problemCode(error) === 'THREAD_HIDDEN') this.thread.update((t) => (t ? { ...t, hidden: true } : t));
      this.replyError.set(problemMessage(error));
    } finally {
      this.replying.set(false);
    }
  }

  protected async handle(action: PostAction, post: PostDto): Promise<void> {
    switch (action) {
      case 'edit':
        return this.edit(post);
      case 'sign':
        return this.sign(post);
      case 'delete':
        return this.remove(post);
      case 'accept':
        return this.run(
          post,
          () => this.api.invoke(discussionsAccept, { id: post.id }),
          'Marked as the accepted answer.',
        );
      case 'report':
        return this.report(post);
      case 'hide':
        return this.run(
          post,
          () => this.api.invoke(moderationHide, { id: post.id }),
          'The post is hidden. Its reports are resolved.',
        );
      case 'unhide':
        return this.run(post, () => this.api.invoke(moderationUnhide, { id: post.id }), 'The post is visible again.');
      case 'reveal':
        return this.requestReveal(post);
    }
  }

  protected async setLocked(locked: boolean): Promise<void> {
    await this.moderate(
      () => this.api.invoke(locked ? moderationLock : moderationUnlock, { id: this.id() }),
      (t, updated) => ({ ...t, locked: updated.locked }),
      locked ? 'The thread is locked: nobody can reply.' : 'The thread is open for replies again.',
    );
  }

  protected async setHidden(hidden: boolean): Promise<void> {
    await this.moderate(
      () => this.api.invoke(hidden ? moderationHideThread : moderationUnhideThread, { id: this.id() }),
      (t, updated) => ({ ...t, hidden: updated.hidden }),
      hidden
        ? 'The thread is hidden: only admins can read it. Its reports are resolved.'
        : 'The thread is visible again.',
    );
  }

  private async moderate(
    action: () => Promise<ThreadDto>,
    apply: (thread: ThreadDto, updated: ThreadDto) => ThreadDto,
    done: string,
  ): Promise<void> {
    if (!this.thread() || this.moderating()) return;
    this.moderating.set(true);
    try {
      const updated = await action();
      this.thread.update((t) => (t ? apply(t, updated) : t));
      this.notifier.success(done);
    } catch (error) {
      this.notifier.problem(error);
    } finally {
      this.moderating.set(false);
    }
  }

  private async edit(post: PostDto): Promise<void> {
    const thread = this.thread();
    if (!thread) return;
    const { EditPostDialog } = await import('./edit-post-dialog');
    const isOpening = post.id === thread.opening.id;
    const result = await this.dialogs.openForm<EditPostData, EditPostResult>(
      EditPostDialog,
      { post, title: isOpening ? thread.title : null },
      '40rem',
    );
    if (!result) return;
    this.replacePost(result.post);
    if (result.title !== null) this.thread.update((t) => (t ? { ...t, title: result.title ?? t.title } : t));
    this.notifier.success('Your changes are saved.');
  }

  private async sign(post: PostDto): Promise<void> {
    const name = this.auth.user()?.displayName ?? 'your name';
    const confirmed = await this.dialogs.confirm({
      title: 'Sign this post with your name?',
      message:
        `Everyone who can read this thread will see that ${name} wrote it, instead of ${post.author.displayName}. ` +
        'This cannot be undone: a post with your name never becomes anonymous again. ' +
        `Your other anonymous posts in this thread stay anonymous, but they keep the pseudonym ${post.author.displayName}, so people who remember it may connect them to you.`,
      confirmLabel: 'Sign with my name',
    });
    if (!confirmed) return;
    await this.run(
      post,
      () => this.api.invoke(discussionsUpdate, { id: post.id, body: { mode: 'normal' } }),
      'The post now shows your name.',
    );
  }

  private async remove(post: PostDto): Promise<void> {
    const confirmed = await this.dialogs.confirm({
      title: 'Delete this post?',
      message: 'Its text is erased for good. Others see that a post was deleted here.',
      confirmLabel: 'Delete',
    });
    if (!confirmed) return;
    await this.run(
      post,
      async () => {
        await this.api.invoke(discussionsRemove, { id: post.id });
        return { ...post, deleted: true, body: null, isAcceptedAnswer: false };
      },
      'The post is deleted.',
    );
  }

  private async report(post: PostDto): Promise<void> {
    const { ReportPostDialog } = await import('./report-post-dialog');
    const reported = await this.dialogs.openForm<ReportPostData, boolean>(
      ReportPostDialog,
      { postId: post.id, author: post.author.displayName },
      '36rem',
    );
    if (reported) this.notifier.success('Thank you. The moderators will look at the post.');
  }

  private async requestReveal(post: PostDto): Promise<void> {
    const { RevealRequestDialog } = await import('@app/features/admin/moderation/reveal-request-dialog');
    const requested = await this.dialogs.openForm<RevealRequestData, unknown>(
      RevealRequestDialog,
      { postId: post.id, shownAs: post.author.displayName },
      '36rem',
    );
    if (requested) this.notifier.success('Reveal requested. Another admin must approve it under Moderation.');
  }

  /** Runs one post action, shows its outcome and puts the server's version of the post in place. */
  private async run(post: PostDto, action: () => Promise<PostDto>, done: string): Promise<void> {
    this.busyPostId.set(post.id);
    try {
      this.replacePost(await action());
      this.notifier.success(done);
    } catch (error) {
      this.notifier.problem(error);
    } finally {
      this.busyPostId.set(null);
    }
  }

  private replacePost(post: PostDto): void {
    const accepted = post.isAcceptedAnswer ? post.id : undefined;
    const fix = (p: PostDto): PostDto =>
      p.id === post.id ? post : accepted && p.isAcceptedAnswer ? { ...p, isAcceptedAnswer: false } : p;
    this.replies.items.update((replies) => replies.map(fix));
    this.thread.update((t) => {
      if (!t) return t;
      const opening = t.opening.id === post.id ? post : t.opening;
      const acceptedPostId =
        accepted ?? (t.acceptedPostId === post.id && !post.isAcceptedAnswer ? null : t.acceptedPostId);
      return { ...t, opening, mode: opening.mode, acceptedPostId };
    });
  }

  /** A student keeps the way they already appear in this thread; a first post defaults to anonymous, the reversible choice. */
  private preferredMode(posts: PostDto[]): PostMode {
    if (!canPostAnonymously(this.auth.role())) return 'normal';
    const own = posts.filter((p) => p.mine);
    if (own.some((p) => p.mode === 'anonymous')) return 'anonymous';
    return own.length > 0 ? 'normal' : 'anonymous';
  }
}
