import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { Api } from '@app/core/api/api';
import { sessionsCancel } from '@app/core/api/fn/sessions/sessions-cancel';
import type { SessionDto } from '@app/core/api/models/session-dto';
import { formatTimeRange } from '@app/core/time/format';
import { injectViewerTimeZone } from '@app/core/time/viewer-time-zone';
import { TextFormConfig, TextFormDialog } from '@app/shared/ui/text-form-dialog';
import { cancelNotice } from './cancel-warning';
import { otherParty, Viewer } from './session-status';

export interface CancelSessionData {
  session: SessionDto;
  viewer: Viewer;
}

/** Cancels a session with a reason, warning first when the student would not get the session back. */
@Component({
  selector: 'pp-cancel-session-dialog',
  imports: [TextFormDialog],
  template: `
    <pp-text-form-dialog [config]="config">
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
    </pp-text-form-dialog>
  `,
  styles: `
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
  private readonly data = inject<CancelSessionData>(MAT_DIALOG_DATA);
  private readonly timeZone = injectViewerTimeZone();

  protected readonly other = otherParty(this.data.session, this.data.viewer);
  protected readonly when = formatTimeRange(this.data.session.startsAt, this.data.session.endsAt, this.timeZone());
  protected readonly notice = cancelNotice(this.data.session, this.data.viewer);
  protected readonly config: TextFormConfig<SessionDto> = {
    title: 'Cancel this session?',
    label: 'Reason',
    hint: `${this.other.displayName} sees this.`,
    error: 'Say briefly why you are cancelling.',
    required: true,
    maxLength: 500,
    rows: 3,
    focusFirst: true,
    cancelLabel: 'Keep the session',
    submitLabel: this.notice?.kind === 'warning' ? 'Cancel anyway' : 'Cancel session',
    busyLabel: 'Cancelling…',
    send: (reason) => this.api.invoke(sessionsCancel, { id: this.data.session.id, body: { reason } }),
  };
}
