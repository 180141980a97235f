import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Api } from '@app/core/api/api';
import { discussionsUpdate } from '@app/core/api/fn/discussions/discussions-update';
import type { PostDto } from '@app/core/api/models/post-dto';
import { TextFormConfig, TextFormDialog, trimmedMinLength } from '@app/shared/ui/text-form-dialog';

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

@Component({
  selector: 'pp-edit-post-dialog',
  imports: [TextFormDialog, ReactiveFormsModule, MatFormField, MatLabel, MatError, MatInput],
  template: `
    <pp-text-form-dialog [config]="config">
      @if (data.post.mode === 'anonymous') {
        <p>It stays anonymous: others keep seeing {{ data.post.author.displayName }}.</p>
      }
      @if (data.title !== null) {
        <mat-form-field appearance="outline">
          <mat-label>Title</mat-label>
          <input matInput [formControl]="title" required [maxlength]="titleMax" />
          <mat-error>Write a title of {{ titleMin }} to {{ titleMax }} characters.</mat-error>
        </mat-form-field>
      }
    </pp-text-form-dialog>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EditPostDialog {
  private readonly api = inject(Api);

  protected readonly data = inject<EditPostData>(MAT_DIALOG_DATA);
  protected readonly titleMin = TITLE_MIN_LENGTH;
  protected readonly titleMax = TITLE_MAX_LENGTH;
  protected readonly title = inject(NonNullableFormBuilder).control(
    this.data.title ?? '',
    this.data.title === null
      ? []
      : [Validators.required, trimmedMinLength(TITLE_MIN_LENGTH), Validators.maxLength(TITLE_MAX_LENGTH)],
  );
  protected readonly config: TextFormConfig<EditPostResult> = {
    title: this.data.title === null ? 'Edit your reply' : 'Edit your discussion',
    label: 'Text',
    counter: true,
    error: 'Write something, or delete the post instead.',
    required: true,
    maxLength: 10000,
    rows: 8,
    initialValue: this.data.post.body ?? '',
    submitLabel: 'Save changes',
    busyLabel: 'Saving…',
    extra: this.title,
    send: async (body) => {
      const title = this.data.title === null ? null : this.title.value.trim();
      const post = await this.api.invoke(discussionsUpdate, {
        id: this.data.post.id,
        body: { body, ...(title === null ? {} : { title }) },
      });
      return { post, title };
    },
  };
}
