import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import type { PostDto } from '@app/core/api/models/post-dto';
import { DateTimePipe } from '@app/shared/ui/date-time';
import { authorSummary } from './post-appearance';
import { PostAuthor } from './post-author';

export type PostAction = 'edit' | 'sign' | 'delete' | 'accept' | 'report' | 'hide' | 'unhide' | 'reveal';

const LABELS: Record<PostAction, string> = {
  edit: 'Edit',
  sign: 'Sign with my name',
  delete: 'Delete',
  accept: 'Accept as answer',
  report: 'Report',
  hide: 'Hide',
  unhide: 'Unhide',
  reveal: 'Request reveal',
};

/** One post with its author, text (or why there is none) and what the viewer may do with it. */
@Component({
  selector: 'pp-post-card',
  imports: [MatButton, PostAuthor, DateTimePipe],
  template: `
    <article class="post" [class.post--accepted]="post().isAcceptedAnswer" [attr.aria-label]="label()">
      <header class="meta">
        <pp-post-author [author]="post().author" [mine]="post().mine" />
        <span class="when">
          <time [attr.datetime]="post().createdAt">{{ post().createdAt | ppDateTime }}</time>
          @if (post().editedAt && !post().deleted) {
            · edited
          }
        </span>
        @if (post().isAcceptedAnswer) {
          <span class="badge badge--positive"><span aria-hidden="true">✓ </span>Accepted answer</span>
        }
      </header>

      @if (post().deleted) {
        <p class="placeholder">This post was deleted by its author.</p>
      } @else if (post().body === null) {
        <p class="placeholder">This post was hidden by the moderators.</p>
      } @else {
        @if (post().hidden) {
          <p class="hidden-note">Hidden by the moderators: only admins can read this text.</p>
        }
        <p class="body">{{ post().body }}</p>
      }

      @if (actions().length > 0) {
        <div class="actions">
          @for (action of actions(); track action) {
            <button mat-button type="button" [disabled]="busy()" (click)="act.emit(action)">
              {{ labels[action] }}<span class="sr-only"> – {{ noun().toLowerCase() }} by {{ author() }}</span>
            </button>
          }
        </div>
      }
    </article>
  `,
  styles: `
    .post {
      padding: 1rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: var(--mat-sys-surface);
    }

    .post--accepted {
      border: 2px solid var(--mat-sys-primary);
    }

    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.75rem;
    }

    .when {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }

    .body {
      margin: 0.75rem 0 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }

    .placeholder {
      margin: 0.75rem 0 0;
      font-style: italic;
      color: var(--mat-sys-on-surface-variant);
    }

    .hidden-note {
      margin: 0.75rem 0 0;
      padding: 0.25rem 0.5rem;
      border-radius: 4px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      font: var(--mat-sys-body-medium);
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      margin: 0.5rem -0.5rem -0.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PostCard {
  readonly post = input.required<PostDto>();
  /** 'post' where it is not known whether the post opens its thread (the moderation queue). */
  readonly kind = input<'opening' | 'reply' | 'post'>('reply');
  /** The viewer started the thread, so may accept a mentor's reply as the answer. */
  readonly threadMine = input(false);
  /** The viewer is an admin: hide, unhide and request a reveal instead of reporting. */
  readonly moderator = input(false);
  readonly busy = input(false);
  readonly act = output<PostAction>();

  protected readonly labels = LABELS;
  protected readonly author = computed(() => authorSummary(this.post().author, this.post().mine));
  protected readonly noun = computed(() => ({ opening: 'Opening post', reply: 'Reply', post: 'Post' })[this.kind()]);
  protected readonly label = computed(() => `${this.noun()} by ${this.author()}`);
  protected readonly actions = computed<PostAction[]>(() => {
    const post = this.post();
    if (post.deleted) return [];
    const actions: PostAction[] = [];
    if (post.mine) {
      actions.push('edit');
      if (post.mode === 'anonymous') actions.push('sign');
      actions.push('delete');
    }
    const fromMentor = post.author.kind === 'user' && post.author.role === 'mentor';
    if (this.threadMine() && this.kind() === 'reply' && fromMentor && !post.mine && !post.isAcceptedAnswer)
      actions.push('accept');
    if (this.moderator()) {
      actions.push(post.hidden ? 'unhide' : 'hide');
      if (post.mode === 'anonymous' && !post.mine) actions.push('reveal');
    } else if (!post.mine && post.body !== null) {
      actions.push('report');
    }
    return actions;
  });
}
