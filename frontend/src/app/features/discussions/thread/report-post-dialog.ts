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
import { discussionsReport } from '@app/core/api/fn/discussions/discussions-report';
import { Submission } from '@app/shared/submission';

export interface ReportPostData {
  postId: string;
  /** How the post's author is shown (a name or a pseudonym). */
  author: string;
}

const REASON_MAX_LENGTH = 500;

/** Asks why a post should be looked at; closes with `true` once the report is sent. */
@Component({
  selector: 'pp-report-post-dialog',
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
    <h2 mat-dialog-title>Report a post by {{ data.author }}</h2>
    <form [formGroup]="form" (ngSubmit)="send()" novalidate>
      <mat-dialog-content class="form">
        <p>Only the moderators read reports. The author is not told who reported the post.</p>
        <mat-form-field appearance="outline">
          <mat-label>What is wrong with it?</mat-label>
          <textarea matInput formControlName="reason" rows="4" required [maxlength]="reasonMax"></textarea>
          <mat-hint align="end">{{ form.controls.reason.value.length }} / {{ reasonMax }}</mat-hint>
          <mat-error>Tell the moderators why, in a few words.</mat-error>
        </mat-form-field>
        <p class="form-message form-message--error" role="alert">{{ submission.error() }}</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="submission.busy()">
          {{ submission.busy() ? 'Sending…' : 'Send report' }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportPostDialog {
  private readonly api = inject(Api);
  private readonly ref = inject<MatDialogRef<ReportPostDialog, boolean>>(MatDialogRef);

  protected readonly data = inject<ReportPostData>(MAT_DIALOG_DATA);
  protected readonly reasonMax = REASON_MAX_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, Validators.maxLength(REASON_MAX_LENGTH)]],
  });
  protected readonly submission = new Submission();

  protected async send(): Promise<void> {
    const reason = this.form.controls.reason.value.trim();
    if (this.form.invalid || !reason) {
      this.form.markAllAsTouched();
      return;
    }
    await this.submission.run(async () => {
      await this.api.invoke(discussionsReport, { id: this.data.postId, body: { reason } });
      this.ref.close(true);
    });
  }
}
