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
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Api } from '@app/core/api/api';
import { mentoringRequestsDecline } from '@app/core/api/fn/mentoring-requests/mentoring-requests-decline';
import type { MentoringRequestDto } from '@app/core/api/models/mentoring-request-dto';
import { Submission } from '@app/shared/submission';

/** Declines a request, with an optional reason the student reads. */
@Component({
  selector: 'pp-decline-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatFormField,
    MatLabel,
    MatHint,
    MatInput,
    MatButton,
  ],
  template: `
    <h2 mat-dialog-title>Decline the request?</h2>
    <form [formGroup]="form" (ngSubmit)="decline()" novalidate>
      <mat-dialog-content class="form">
        <p>
          <strong>{{ request.student.displayName }}</strong> asked about “{{ request.topic }}”. They can send a new
          request as soon as you decline.
        </p>
        <mat-form-field appearance="outline">
          <mat-label>Reason (optional)</mat-label>
          <textarea matInput formControlName="reason" maxlength="500" rows="3" cdkFocusInitial></textarea>
          <mat-hint>{{ request.student.displayName }} sees this. A kind word or another place to ask helps.</mat-hint>
        </mat-form-field>
        <p class="form-message form-message--error" role="alert">{{ submission.error() }}</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Keep the request</button>
        <button mat-flat-button type="submit" [disabled]="submission.busy()">
          {{ submission.busy() ? 'Declining…' : 'Decline request' }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeclineDialog {
  private readonly api = inject(Api);
  private readonly dialogRef = inject<MatDialogRef<DeclineDialog, MentoringRequestDto>>(MatDialogRef);
  protected readonly request = inject<MentoringRequestDto>(MAT_DIALOG_DATA);
  protected readonly form = inject(NonNullableFormBuilder).group({ reason: ['', Validators.maxLength(500)] });
  protected readonly submission = new Submission();

  protected async decline(): Promise<void> {
    const reason = this.form.controls.reason.value.trim();
    await this.submission.run(async () => {
      const declined = await this.api.invoke(mentoringRequestsDecline, {
        id: this.request.id,
        body: reason ? { reason } : {},
      });
      this.dialogRef.close(declined);
    });
  }
}
