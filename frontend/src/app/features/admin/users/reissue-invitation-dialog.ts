import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { Api } from '@app/core/api/api';
import { adminUsersReissueInvitation } from '@app/core/api/fn/admin/admin-users-reissue-invitation';
import type { InvitationDto } from '@app/core/api/models/invitation-dto';
import type { UserDto } from '@app/core/api/models/user-dto';
import { ActionConfig, ActionDialog } from '@app/shared/ui/action-dialog';
import { InvitationLink } from './invitation-link';

@Component({
  selector: 'pp-reissue-invitation-dialog',
  imports: [ActionDialog, InvitationLink],
  template: `
    <pp-action-dialog [config]="config" [done]="linkReady">
      <p>
        {{ user.displayName }} has not chosen a password yet. A new link replaces any earlier one, which then stops
        working.
      </p>
    </pp-action-dialog>
    <ng-template #linkReady let-invitation>
      <p role="status">A new link is ready. Earlier links for {{ user.email }} no longer work.</p>
      <pp-invitation-link
        [url]="invitation.invitationUrl"
        [expiresAt]="invitation.invitationExpiresAt"
        [owner]="user.email"
      />
    </ng-template>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReissueInvitationDialog {
  private readonly api = inject(Api);

  protected readonly user = inject<UserDto>(MAT_DIALOG_DATA);
  protected readonly config: ActionConfig<InvitationDto> = {
    title: `Invitation link for ${this.user.displayName}`,
    actionLabel: 'Issue new link',
    busyLabel: 'Issuing…',
    run: () => this.api.invoke(adminUsersReissueInvitation, { id: this.user.id }),
  };
}
