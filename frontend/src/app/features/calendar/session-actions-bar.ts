import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import type { SessionDto } from '@app/core/api/models/session-dto';
import { formatDateTime } from '@app/core/time/format';
import { injectViewerTimeZone } from '@app/core/time/viewer-time-zone';
import { SessionActions } from './session-actions';
import { otherParty, sessionActions, Viewer } from './session-status';

/** The buttons for what the viewer may still do with one session. */
@Component({
  selector: 'pp-session-actions-bar',
  imports: [MatButton],
  template: `
    @let can = allowed();
    @if (can.reschedule || can.cancel || can.complete || can.noShow) {
      <div class="actions">
        @if (can.complete) {
          <button mat-flat-button type="button" (click)="complete()">
            Mark completed<span class="sr-only">: {{ context() }}</span>
          </button>
        }
        @if (can.noShow) {
          <button mat-stroked-button type="button" (click)="markNoShow()">
            Mark no-show<span class="sr-only">: {{ context() }}</span>
          </button>
        }
        @if (can.reschedule) {
          <button mat-stroked-button type="button" (click)="reschedule()">
            Reschedule<span class="sr-only">: {{ context() }}</span>
          </button>
        }
        @if (can.cancel) {
          <button mat-stroked-button type="button" class="cancel" (click)="cancelSession()">
            Cancel session<span class="sr-only">: {{ context() }}</span>
          </button>
        }
      </div>
    }
  `,
  styles: `
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }

    .cancel {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionActionsBar {
  private readonly actions = inject(SessionActions);
  private readonly timeZone = injectViewerTimeZone();

  readonly session = input.required<SessionDto>();
  readonly viewer = input.required<Viewer>();
  /** The session after a change (cancelled, moved, completed…). */
  readonly changed = output<SessionDto>();

  protected readonly allowed = computed(() => sessionActions(this.session(), this.viewer()));
  protected readonly context = computed(
    () =>
      `session with ${otherParty(this.session(), this.viewer()).displayName}, ${formatDateTime(this.session().startsAt, this.timeZone())}`,
  );

  protected async cancelSession(): Promise<void> {
    this.emit(await this.actions.cancel(this.session(), this.viewer()));
  }

  protected async reschedule(): Promise<void> {
    this.emit(await this.actions.edit(this.session()));
  }

  protected async complete(): Promise<void> {
    this.emit(await this.actions.complete(this.session()));
  }

  protected async markNoShow(): Promise<void> {
    this.emit(await this.actions.noShow(this.session()));
  }

  private emit(session: SessionDto | null): void {
    if (session) this.changed.emit(session);
  }
}
