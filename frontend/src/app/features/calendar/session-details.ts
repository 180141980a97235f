import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { SessionDto } from '@app/core/api/models/session-dto';
import { formatTimeRange } from '@app/core/time/format';
import { injectViewerTimeZone } from '@app/core/time/viewer-time-zone';
import { CANCELLATION_WINDOW_HOURS, cancelNotice } from './cancel-warning';
import { SessionActionsBar } from './session-actions-bar';
import { cancellationText, otherParty, SESSION_STATUS_LABELS, Viewer } from './session-status';

/** Everything about one session, with its actions. */
@Component({
  selector: 'pp-session-details',
  imports: [SessionActionsBar],
  template: `
    @let s = session();
    @if (headingLevel() === 1) {
      <h1 class="title" [id]="headingId()" tabindex="-1">Session with {{ other().displayName }}</h1>
    } @else {
      <h2 class="title" [id]="headingId()" tabindex="-1">Session with {{ other().displayName }}</h2>
    }
    <p>
      <span class="badge status-badge" [class]="'status-badge--' + s.status">{{ statusLabels[s.status] }}</span>
    </p>
    <dl class="facts">
      <dt>When</dt>
      <dd>{{ when() }}</dd>
      @if (viewer() === 'mentor') {
        <dt>Student</dt>
      } @else {
        <dt>Mentor</dt>
      }
      <dd>
        {{ other().displayName }} · <a [href]="'mailto:' + other().email">{{ other().email }}</a>
        @if (other().timeZone !== timeZone()) {
          <br /><span class="muted">Their time: {{ theirTime() }}</span>
        }
      </dd>
      <dt>Where</dt>
      <dd>
        @if (s.location) {
          {{ s.location }}
        }
        @if (s.meetingUrl) {
          @if (s.location) {
            <br />
          }
          <a [href]="s.meetingUrl" target="_blank" rel="noopener"
            >{{ s.meetingUrl }}<span class="sr-only"> (opens in a new tab)</span></a
          >
        }
        @if (!s.location && !s.meetingUrl) {
          <span class="muted">Not set yet</span>
        }
      </dd>
      @if (s.agenda) {
        <dt>Agenda</dt>
        <dd class="pre">{{ s.agenda }}</dd>
      }
      @if (viewer() === 'mentor' && s.mentorNotes) {
        <dt>Private notes</dt>
        <dd class="pre">{{ s.mentorNotes }}</dd>
      }
      @if (s.status === 'cancelled') {
        <dt>Cancelled</dt>
        <dd>{{ cancellation() }}</dd>
      }
    </dl>
    @if (refundNote(); as note) {
      <p class="muted">{{ note }}</p>
    }
    <pp-session-actions-bar [session]="s" [viewer]="viewer()" (changed)="changed.emit($event)" />
  `,
  styles: `
    .title {
      margin: 0 0 0.5rem;
      overflow-wrap: anywhere;

      &:focus {
        outline: none;
      }
    }

    .facts {
      display: grid;
      grid-template-columns: minmax(6rem, auto) 1fr;
      gap: 0.5rem 1rem;
      margin: 0 0 1rem;
    }

    dt {
      color: var(--mat-sys-on-surface-variant);
    }

    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }

    .pre {
      white-space: pre-line;
    }

    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }

    .status-badge--completed {
      background: #c8e6c9;
      color: #0b3d12;
    }

    .status-badge--no_show {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }

    .status-badge--cancelled {
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionDetails {
  protected readonly timeZone = injectViewerTimeZone();

  readonly session = input.required<SessionDto>();
  readonly viewer = input.required<Viewer>();
  readonly headingLevel = input<1 | 2>(2);
  readonly headingId = input('session-details-heading');
  readonly changed = output<SessionDto>();

  protected readonly statusLabels = SESSION_STATUS_LABELS;
  protected readonly other = computed(() => otherParty(this.session(), this.viewer()));
  protected readonly when = computed(() =>
    formatTimeRange(this.session().startsAt, this.session().endsAt, this.timeZone()),
  );
  protected readonly theirTime = computed(() =>
    formatTimeRange(this.session().startsAt, this.session().endsAt, this.other().timeZone),
  );
  protected readonly cancellation = computed(() => cancellationText(this.session(), this.viewer()));
  protected readonly refundNote = computed(() => {
    const s = this.session();
    if (this.viewer() !== 'student' || s.status !== 'scheduled') return null;
    const notice = cancelNotice(s, 'student');
    return notice?.kind === 'warning'
      ? `It starts within ${CANCELLATION_WINDOW_HOURS} hours: cancelling now would not give you the session back.`
      : null;
  });
}
