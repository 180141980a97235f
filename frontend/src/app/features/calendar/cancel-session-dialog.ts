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
import { sessionsCancel } from '@app/core/api/fn/sessions/sessions-cancel';
import type { SessionDto } from '@app/core/api/models/session-dto';
import { Submission } from '@app/shared/submission';
import { formatTimeRange } from '@app/core/time/format';
import { injectViewerTimeZone } from '@app/core/time/viewer-time-zone';
import { cancelNotice } from './cancel-warning';
import { otherParty, Viewer } from './session-status';

export interface CancelSessionData {
  session: SessionDto;
  viewer: Viewer;
}

/** Cancels a session with a reason, warning first when the student would not get the session back. */
@Component({
  selector: 'pp-cancel-session-dialog',
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
    <h2 mat-dialog-title>Cancel this session?</h2>
    <form [formGroup]="form" (ngSubmit)="cancelSession()" novalidate>
      <mat-dialog-content class="form">
        <p>
          Session with <strong>{{ other.displayName }}</strong>, {{ when }}.
        </p>
        @if (notice; as notice) {
          <p
            class="notice"
            [class.notice--warning]="notice.kind === 'warning'"
            [attr.role]="notice.kind === 'warning' ? 'note' : null"
          >
            @if (notice.kind === 'warning') {
              <strong>Warning: </strong>
            }
            {{ notice.text }}
          </p>
        }
        <mat-form-field appearance="outline">
          <mat-label>Reason</mat-label>
          <textarea matInput formControlName="reason" required maxlength="500" rows="3" cdkFocusInitial></textarea>
          <mat-hint>{{ other.displayName }} sees this.</mat-hint>
          <mat-error>Say briefly why you are cancelling.</mat-error>
        </mat-form-field>
        <p class="form-message form-message--error" role="alert">{{ submission.error() }}</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Keep the session</button>
        <button mat-flat-button type="submit" [disabled]="submission.busy()">
          {{ submission.busy() ? 'Cancelling…' : notice?.kind === 'warning' ? 'Cancel anyway' : 'Cancel session' }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field {
      width: 100%;
    }

    .notice {
      margin: 0 0 1rem;
      padding: 0.5rem 0.75rem;
      border-radius: 8px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }

    .notice--warning {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CancelSessionDialog {
  private readonly api = inject(Api);
  private readonly dialogRef = inject<MatDialogRef<CancelSessionDialog, SessionDto>>(MatDialogRef);
  private readonly data = inject<CancelSessionData>(MAT_DIALOG_DATA);
  private readonly timeZone = injectViewerTimeZone();

  protected readonly other = otherParty(this.data.session, this.data.viewer);
  protected readonly when = formatTimeRange(this.data.session.startsAt, this.data.session.endsAt, this.timeZone());
  protected readonly notice = cancelNotice(this.data.session, this.data.viewer);
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, Validators.maxLength(500), Validators.pattern(/\S/)]],
  });
  protected readonly submission = new Submission();

  protected async cancelSession(): Promise<void> {
    this.submission.error.set('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    await this.submission.run(async () => {
      const session = await this.api.invoke(sessionsCancel, {
        id: this.data.session.id,
        body: { reason: this.form.controls.reason.value.trim() },
      });
      this.dialogRef.close(session);
    });
  }
}
