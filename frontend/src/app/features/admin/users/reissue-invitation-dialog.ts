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
import { adminUsersReissueInvitation } from '@app/core/api/fn/admin/admin-users-reissue-invitation';
import type { InvitationDto } from '@app/core/api/models/invitation-dto';
import type { UserDto } from '@app/core/api/models/user-dto';
import { Submission } from '@app/shared/submission';
import { InvitationLink } from './invitation-link';

@Component({
  selector: 'pp-reissue-invitation-dialog',
  imports: [MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose, MatButton, InvitationLink],
  template: `
    <h2 mat-dialog-title>Invitation link for {{ user.displayName }}</h2>
    <mat-dialog-content>
      @if (invitation(); as invitation) {
        <p role="status">A new link is ready. Earlier links for {{ user.email }} no longer work.</p>
        <pp-invitation-link
          [url]="invitation.invitationUrl"
          [expiresAt]="invitation.invitationExpiresAt"
          [owner]="user.email"
        />
      } @else {
        <p>
          {{ user.displayName }} has not chosen a password yet. A new link replaces any earlier one, which then stops
          working.
        </p>
      }
      <p class="form-message form-message--error" role="alert">{{ submission.error() }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @if (invitation()) {
        <button mat-flat-button type="button" mat-dialog-close>Done</button>
      } @else {
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="button" (click)="issueLink()" [disabled]="submission.busy()">
          {{ submission.busy() ? 'Issuing…' : 'Issue new link' }}
        </button>
      }
    </mat-dialog-actions>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReissueInvitationDialog {
  private readonly api = inject(Api);

  protected readonly user = inject<UserDto>(MAT_DIALOG_DATA);
  protected readonly invitation = signal<InvitationDto | null>(null);
  protected readonly submission = new Submission();

  protected async issueLink(): Promise<void> {
    await this.submission.run(async () => {
      this.invitation.set(await this.api.invoke(adminUsersReissueInvitation, { id: this.user.id }));
    });
  }
}
