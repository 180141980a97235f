import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { Api } from '@app/core/api/api';
import { adminPasswordResetSend } from '@app/core/api/fn/admin/admin-password-reset-send';
import type { PasswordResetSentDto } from '@app/core/api/models/password-reset-sent-dto';
import type { UserDto } from '@app/core/api/models/user-dto';
import { ActionConfig, ActionDialog } from '@app/shared/ui/action-dialog';
import { DateTimePipe } from '@app/shared/ui/date-time';

/** The link goes only to the person's own address; the admin never sees it. */
@Component({
  selector: 'pp-send-password-reset-dialog',
  imports: [ActionDialog, DateTimePipe],
  template: `
    <pp-action-dialog [config]="config" [done]="resetSent">
      <p>
        PeerPals e-mails a link to {{ user.email }} with which {{ user.displayName }} can choose a new password. You
        will not see the link. The e-mail says that an admin started it; until the link is used, the current password
        keeps working.
      </p>
    </pp-action-dialog>
    <ng-template #resetSent let-sent>
      <p role="status">
        A reset link is on its way to {{ sent.sentTo }}. It works once, until {{ sent.expiresAt | ppDateTime }}. Any
        earlier reset link no longer works.
      </p>
    </ng-template>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SendPasswordResetDialog {
  private readonly api = inject(Api);

  protected readonly user = inject<UserDto>(MAT_DIALOG_DATA);
  protected readonly config: ActionConfig<PasswordResetSentDto> = {
    title: `Send a password reset to ${this.user.displayName}`,
    actionLabel: 'Send reset e-mail',
    busyLabel: 'Sending…',
    run: () => this.api.invoke(adminPasswordResetSend, { id: this.user.id }),
  };
}
