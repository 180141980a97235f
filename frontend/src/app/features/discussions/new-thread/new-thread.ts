import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import { Router, RouterLink } from '@angular/router';
import { Api } from '@app/core/api/api';
import { discussionsCreate } from '@app/core/api/fn/discussions/discussions-create';
import type { Audience } from '@app/core/api/models/audience';
import type { PostMode } from '@app/core/api/models/post-mode';
import { AuthStore } from '@app/core/auth/auth-store';
import { fieldMessages, problemMessage } from '@app/core/errors/problem';
import { invalidTags, MAX_TAGS, parseTags } from '@app/features/discussions/discussion-filters';
import { canPostAnonymously } from '@app/features/discussions/post/post-appearance';
import { PostModeSwitch } from '@app/features/discussions/post/post-mode-switch';
import { TITLE_MAX_LENGTH, TITLE_MIN_LENGTH } from '@app/features/discussions/thread/edit-post-dialog';

const BODY_MAX_LENGTH = 10000;

function tagsValidator(control: AbstractControl<string>): ValidationErrors | null {
  const tags = parseTags(control.value ?? '');
  if (tags.length > MAX_TAGS) return { tooMany: true };
  const invalid = invalidTags(tags);
  return invalid.length > 0 ? { invalid } : null;
}

/** Starting a discussion: what to ask, who may read it, and how the student appears. */
@Component({
  selector: 'pp-new-thread',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    MatRadioGroup,
    MatRadioButton,
    PostModeSwitch,
  ],
  templateUrl: './new-thread.html',
  styles: `
    .page {
      max-width: 48rem;
    }

    .audience {
      margin: 0 0 0.5rem;
    }

    .label {
      font: var(--mat-sys-title-small);
    }

    mat-radio-group {
      display: flex;
      flex-direction: column;
    }

    .audience-hint {
      margin: 0 0 0 2.5rem;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-top: 0.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewThread {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly role = inject(AuthStore).role;

  protected readonly titleMin = TITLE_MIN_LENGTH;
  protected readonly titleMax = TITLE_MAX_LENGTH;
  protected readonly bodyMax = BODY_MAX_LENGTH;
  protected readonly maxTags = MAX_TAGS;
  protected readonly form = inject(NonNullableFormBuilder).group({
    title: ['', [Validators.required, Validators.minLength(TITLE_MIN_LENGTH), Validators.maxLength(TITLE_MAX_LENGTH)]],
    body: ['', [Validators.required, Validators.maxLength(BODY_MAX_LENGTH)]],
    tags: ['', [tagsValidator]],
    audience: ['community' as Audience],
  });
  // Anonymous first for students: a post can later be signed with a name, never the other way.
  protected readonly mode = signal<PostMode>(canPostAnonymously(this.role()) ? 'anonymous' : 'normal');
  protected readonly audience = toSignal(this.form.controls.audience.valueChanges, {
    initialValue: this.form.controls.audience.value,
  });
  protected readonly isStudent = computed(() => this.role() === 'student');
  protected readonly posting = signal(false);
  protected readonly error = signal('');

  protected tagsError(): string {
    const errors = this.form.controls.tags.errors;
    if (errors?.['tooMany']) return `Use at most ${MAX_TAGS} tags.`;
    const invalid = errors?.['invalid'] as string[] | undefined;
    return invalid ? `Tags use lower-case letters, digits and dashes only (not: ${invalid.join(', ')}).` : '';
  }

  protected async post(): Promise<void> {
    const { title, body, tags, audience } = this.form.getRawValue();
    if (this.form.invalid || title.trim().length < TITLE_MIN_LENGTH || !body.trim()) {
      this.form.markAllAsTouched();
      return;
    }
    this.posting.set(true);
    this.error.set('');
    try {
      const mode: PostMode = canPostAnonymously(this.role()) ? this.mode() : 'normal';
      const parsed = parseTags(tags);
      const thread = await this.api.invoke(discussionsCreate, {
        body: {
          title: title.trim(),
          body: body.trim(),
          audience,
          mode,
          ...(parsed.length > 0 ? { tags: parsed } : {}),
        },
      });
      await this.router.navigate(['/discussions', thread.id]);
    } catch (error) {
      const byField = fieldMessages(error);
      this.error.set(Object.keys(byField).length > 0 ? Object.values(byField).join(' ') : problemMessage(error));
    } finally {
      this.posting.set(false);
    }
  }
}
