import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogTitle,
} from '@angular/material/dialog';
import { Api } from '@app/core/api/api';
import { adminPasswordResetSend } from '@app/core/api/fn/admin/admin-password-reset-send';
import type { PasswordResetSentDto } from '@app/core/api/models/password-reset-sent-dto';
import type { UserDto } from '@app/core/api/models/user-dto';
import { Submission } from '@app/shared/submission';
import { DateTimePipe } from '@app/shared/ui/date-time';

/** The link goes only to the person's own address; the admin never sees it. */
@Component({
  selector: 'pp-send-password-reset-dialog',
  imports: [MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose, MatButton, DateTimePipe],
  template: `
    <h2 mat-dialog-title>Send a password reset to {{ user.displayName }}</h2>
    <mat-dialog-content>
      @if (sent(); as sent) {
        <p role="status">
          A reset link is on its way to {{ sent.sentTo }}. It works once, until {{ sent.expiresAt | ppDateTime }}. Any
          earlier reset link no longer works.
        </p>
      } @else {
        <p>
          PeerPals e-mails a link to {{ user.email }} with which {{ user.displayName }} can choose a new password. You
          will not see the link. The e-mail says that an admin started it; until the link is used, the current password
          keeps working.
        </p>
      }
      <p class="form-message form-message--error" role="alert">{{ submission.error() }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @if (sent()) {
        <button mat-flat-button type="button" mat-dialog-close>Done</button>
      } @else {
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="button" (click)="sendReset()" [disabled]="submission.busy()">
          {{ submission.busy() ? 'Sending…' : 'Send reset e-mail' }}
        </button>
      }
    </mat-dialog-actions>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SendPasswordResetDialog {
  private readonly api = inject(Api);

  protected readonly user = inject<UserDto>(MAT_DIALOG_DATA);
  protected readonly sent = signal<PasswordResetSentDto | null>(null);
  protected readonly submission = new Submission();

  protected async sendReset(): Promise<void> {
    await this.submission.run(async () => {
      this.sent.set(await this.api.invoke(adminPasswordResetSend, { id: this.user.id }));
    });
  }
}
