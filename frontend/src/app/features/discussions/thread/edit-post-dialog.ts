import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Api } from '@app/core/api/api';
import { discussionsUpdate } from '@app/core/api/fn/discussions/discussions-update';
import type { PostDto } from '@app/core/api/models/post-dto';
import { Submission } from '@app/shared/submission';

export interface EditPostData {
  post: PostDto;
  /** The thread title when the post opens the thread (only then can the title change). */
  title: string | null;
}

export interface EditPostResult {
  post: PostDto;
  title: string | null;
}

export const TITLE_MIN_LENGTH = 3;
export const TITLE_MAX_LENGTH = 200;
const BODY_MAX_LENGTH = 10000;

@Component({
  selector: 'pp-edit-post-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    MatButton,
  ],
  template: `
    <h2 mat-dialog-title>{{ data.title === null ? 'Edit your reply' : 'Edit your discussion' }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content class="form">
        @if (data.post.mode === 'anonymous') {
          <p>It stays anonymous: others keep seeing {{ data.post.author.displayName }}.</p>
        }
        @if (data.title !== null) {
          <mat-form-field appearance="outline">
            <mat-label>Title</mat-label>
            <input matInput formControlName="title" required [maxlength]="titleMax" />
            <mat-error>Write a title of {{ titleMin }} to {{ titleMax }} characters.</mat-error>
          </mat-form-field>
        }
        <mat-form-field appearance="outline">
          <mat-label>Text</mat-label>
          <textarea matInput formControlName="body" rows="8" required [maxlength]="bodyMax"></textarea>
          <mat-hint align="end">{{ form.controls.body.value.length }} / {{ bodyMax }}</mat-hint>
          <mat-error>Write something, or delete the post instead.</mat-error>
        </mat-form-field>
        <p class="form-message form-message--error" role="alert">{{ submission.error() }}</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="submission.busy()">
          {{ submission.busy() ? 'Saving…' : 'Save changes' }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EditPostDialog {
  private readonly api = inject(Api);
  private readonly ref = inject<MatDialogRef<EditPostDialog, EditPostResult>>(MatDialogRef);

  protected readonly data = inject<EditPostData>(MAT_DIALOG_DATA);
  protected readonly titleMin = TITLE_MIN_LENGTH;
  protected readonly titleMax = TITLE_MAX_LENGTH;
  protected readonly bodyMax = BODY_MAX_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    title: [
      this.data.title ?? '',
      this.data.title === null
        ? []
        : [Validators.required, Validators.minLength(TITLE_MIN_LENGTH), Validators.maxLength(TITLE_MAX_LENGTH)],
    ],
    body: [this.data.post.body ?? '', [Validators.required, Validators.maxLength(BODY_MAX_LENGTH)]],
  });
  protected readonly submission = new Submission();

  protected async save(): Promise<void> {
    const { title, body } = this.form.getRawValue();
    if (this.form.invalid || !body.trim() || (this.data.title !== null && title.trim().length < TITLE_MIN_LENGTH)) {
      this.form.markAllAsTouched();
      return;
    }
    await this.submission.run(async () => {
      const newTitle = this.data.title === null ? null : title.trim();
      const post = await this.api.invoke(discussionsUpdate, {
        id: this.data.post.id,
        body: { body: body.trim(), ...(newTitle === null ? {} : { title: newTitle }) },
      });
      this.ref.close({ post, title: newTitle });
    });
  }
}
