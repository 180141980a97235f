import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { AuthorDto } from '@app/core/api/models/author-dto';
import { ROLE_NAMES } from './post-appearance';

/**
 * How a post's author appears: a name or a pseudonym, never more than the server sent. Nothing of
 * the signed-in user is added to their own anonymous posts except the "You" mark.
 */
@Component({
  selector: 'pp-post-author',
  template: `
    <span class="avatar" [class.avatar--anonymous]="anonymous()" [attr.style]="avatarStyle()" aria-hidden="true">{{
      initial()
    }}</span>
    <span class="name">{{ author().displayName }}</span>
    @if (roleName(); as role) {
      <span class="badge">{{ role }}</span>
    }
    @if (author().isOriginalPoster && markOriginalPoster()) {
      <span class="badge">Started the thread</span>
    }
    @if (mine()) {
      <span class="badge badge--positive">You</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.5rem;
      min-width: 0;
    }

    .avatar {
      display: inline-grid;
      place-items: center;
      flex: none;
      width: 2.25rem;
      height: 2.25rem;
      border-radius: 50%;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
      // Large bold text: the generated avatar colours keep at least 3:1 against white.
      font-size: 1.25rem;
      font-weight: 700;
      line-height: 1;
    }

    .avatar--anonymous {
      color: #fff;
    }

    .name {
      font: var(--mat-sys-title-small);
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PostAuthor {
  readonly author = input.required<AuthorDto>();
  /** Written by the signed-in user (the server's `mine`). */
  readonly mine = input(false);
  /** Off where every author shown started their thread (the board). */
  readonly markOriginalPoster = input(true);

  protected readonly anonymous = computed(() => this.author().kind === 'anonymous');
  // An attribute rather than a [style.…] binding, whose runtime would land in the initial bundle.
  protected readonly avatarStyle = computed(() => {
    const colour = this.author().avatarColour;
    return this.anonymous() && colour && /^#[0-9a-f]{3,8}$/i.test(colour) ? `background-color: ${colour}` : null;
  });
  protected readonly roleName = computed(() => {
    const author = this.author();
    return author.kind === 'user' && author.role ? ROLE_NAMES[author.role] : null;
  });
  // "Anonymous Heron" → "H": the animal, not the word every pseudonym shares.
  protected readonly initial = computed(() => {
    const words = this.author().displayName.trim().split(/\s+/);
    const first = (this.anonymous() ? words.at(-1) : words[0])?.charAt(0) ?? '';
    return /\p{L}/u.test(first) ? first.toUpperCase() : '?';
  });
}
