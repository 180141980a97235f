import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import type { AuthorDto } from '@app/core/api/models/author-dto';
import type { PostMode } from '@app/core/api/models/post-mode';
import { AuthStore } from '@app/core/auth/auth-store';
import { appearanceText, canPostAnonymously, EXAMPLE_PSEUDONYM, visibilityText } from './post-appearance';
import { PostAuthor } from './post-author';

let nextId = 0;

/**
 * Lets a student choose how a post is signed and shows exactly how it will appear and who can tell
 * it is theirs. Mentors and admins see that they post with their name.
 */
@Component({
  selector: 'pp-post-mode-switch',
  imports: [MatRadioGroup, MatRadioButton, PostAuthor],
  template: `
    @if (canChoose()) {
      <div class="choice">
        <span class="label" [id]="labelId">Post as</span>
        <mat-radio-group
          [attr.aria-labelledby]="labelId"
          [value]="mode()"
          (change)="modeChange.emit($event.value)"
          class="options"
        >
          <mat-radio-button value="anonymous">Anonymously</mat-radio-button>
          <mat-radio-button value="normal">With my name</mat-radio-button>
        </mat-radio-group>
      </div>
    }
    <div class="preview" [class.preview--anonymous]="effectiveMode() === 'anonymous'">
      <p class="preview-title">How others will see your post</p>
      <pp-post-author [author]="previewAuthor()" />
      <p class="appearance" aria-live="polite">{{ appearance() }}</p>
      <p class="visibility">{{ visibility() }}</p>
      @if (effectiveMode() === 'anonymous') {
        <p class="note">
          You can sign the post with your name later; a post with your name can never become anonymous.
        </p>
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
    }

    .choice {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0 1rem;
    }

    .label {
      font: var(--mat-sys-title-small);
    }

    .options {
      display: flex;
      flex-wrap: wrap;
    }

    .preview {
      margin-top: 0.5rem;
      padding: 0.75rem 1rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
    }

    .preview--anonymous {
      border-color: var(--mat-sys-tertiary);
      background: var(--mat-sys-surface-container-low);
    }

    p {
      margin: 0.5rem 0 0;
    }

    .preview-title {
      margin: 0 0 0.5rem;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }

    .visibility {
      font-weight: 500;
    }

    .note {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PostModeSwitch {
  private readonly auth = inject(AuthStore);

  // An input/output pair rather than model(): model() would add to the initial bundle.
  readonly mode = input<PostMode>('normal');
  readonly modeChange = output<PostMode>();
  /** The signed-in user's pseudonym in this thread, when they already posted anonymously in it. */
  readonly pseudonym = input<AuthorDto | null>(null);

  protected readonly labelId = `pp-post-mode-${nextId++}`;
  protected readonly role = computed(() => this.auth.role() ?? 'student');
  protected readonly canChoose = computed(() => canPostAnonymously(this.auth.role()));
  protected readonly effectiveMode = computed<PostMode>(() => (this.canChoose() ? this.mode() : 'normal'));
  protected readonly appearance = computed(() =>
    appearanceText(
      this.role(),
      this.effectiveMode(),
      this.auth.user()?.displayName ?? '',
      this.pseudonym()?.displayName ?? null,
    ),
  );
  protected readonly visibility = computed(() => visibilityText(this.role(), this.effectiveMode()));
  protected readonly previewAuthor = computed<AuthorDto>(() => {
    if (this.effectiveMode() === 'anonymous') {
      const known = this.pseudonym();
      return known
        ? {
            kind: 'anonymous',
            displayName: known.displayName,
            avatarColour: known.avatarColour,
            isOriginalPoster: false,
          }
        : {
            kind: 'anonymous',
            displayName: `${EXAMPLE_PSEUDONYM.split(' ')[0]} …`,
            avatarColour: '#263238',
            isOriginalPoster: false,
          };
    }
    return {
      kind: 'user',
      displayName: this.auth.user()?.displayName ?? '',
      role: this.role(),
      isOriginalPoster: false,
    };
  });
}
