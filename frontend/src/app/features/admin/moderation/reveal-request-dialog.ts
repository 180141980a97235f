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
import { moderationRequestReveal } from '@app/core/api/fn/moderation/moderation-request-reveal';
import type { RevealRequestDto } from '@app/core/api/models/reveal-request-dto';
import { Submission } from '@app/shared/submission';

export interface RevealRequestData {
  postId: string;
  /** The pseudonym the post is shown with. */
  shownAs: string;
}

export const REVEAL_REASON_MIN_LENGTH = 10;
const REVEAL_REASON_MAX_LENGTH = 1000;

/** Break-glass, step one: asks for the written reason; closes with the created request. */
@Component({
  selector: 'pp-reveal-request-dialog',
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
    <h2 mat-dialog-title>Request to reveal {{ data.shownAs }}</h2>
    <form [formGroup]="form" (ngSubmit)="send()" novalidate>
      <mat-dialog-content class="form">
        <p>
          Students post anonymously because they trust that nobody finds out. Ask only for a serious reason, such as a
          safeguarding concern.
        </p>
        <ul>
          <li>
            A different, independent admin must approve the request: one made on the server, or by another admin at
            least 7 days ago, and not created, invited or made admin by you. Until then nobody sees who wrote the post.
          </li>
          <li>Your request, your reason and the decision are recorded in the audit log.</li>
          <li>If it is approved, the author is told that their identity was revealed, and why.</li>
        </ul>
        <mat-form-field appearance="outline">
          <mat-label>Reason</mat-label>
          <textarea matInput formControlName="reason" rows="4" required [maxlength]="reasonMax"></textarea>
          <mat-hint>At least {{ reasonMin }} characters. The author will read it if the request is approved.</mat-hint>
          <mat-error>Explain the need in at least {{ reasonMin }} characters.</mat-error>
        </mat-form-field>
        <p class="form-message form-message--error" role="alert">{{ submission.error() }}</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="submission.busy()">
          {{ submission.busy() ? 'Sending…' : 'Request reveal' }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RevealRequestDialog {
  private readonly api = inject(Api);
  private readonly ref = inject<MatDialogRef<RevealRequestDialog, RevealRequestDto>>(MatDialogRef);

  protected readonly data = inject<RevealRequestData>(MAT_DIALOG_DATA);
  protected readonly reasonMin = REVEAL_REASON_MIN_LENGTH;
  protected readonly reasonMax = REVEAL_REASON_MAX_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, Validators.maxLength(REVEAL_REASON_MAX_LENGTH)]],
  });
  protected readonly submission = new Submission();

  protected async send(): Promise<void> {
    const reason = this.form.controls.reason.value.trim();
    if (reason.length < REVEAL_REASON_MIN_LENGTH) {
      this.form.controls.reason.setErrors({ minlength: true });
      this.form.markAllAsTouched();
      return;
    }
    await this.submission.run(async () => {
      this.ref.close(await this.api.invoke(moderationRequestReveal, { id: this.data.postId, body: { reason } }));
    });
  }
}
