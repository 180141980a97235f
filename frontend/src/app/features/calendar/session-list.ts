import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { SessionDto } from '@app/core/api/models/session-dto';
import { formatLongDate, formatTime, zoneAbbreviation } from '@app/core/time/format';
import { injectViewerTimeZone } from '@app/core/time/viewer-time-zone';
import { dateInputValue } from '@app/core/time/zoned-time';
import { SessionActionsBar } from './session-actions-bar';
import { cancellationText, otherParty, SESSION_STATUS_LABELS, Viewer } from './session-status';

interface DayGroup {
  key: string;
  label: string;
  sessions: SessionDto[];
}

/** Sessions grouped by day in the viewer's zone, each with its actions: the list alternative to the grid. */
@Component({
  selector: 'pp-session-list',
  imports: [RouterLink, SessionActionsBar],
  template: `
    @for (group of groups(); track group.key) {
      <section class="day" [attr.aria-label]="group.label">
        @if (headingLevel() === 4) {
          <h4 class="day-heading">{{ group.label }}</h4>
        } @else {
          <h3 class="day-heading">{{ group.label }}</h3>
        }
        <ul class="sessions">
          @for (session of group.sessions; track session.id) {
            <li class="session" [class]="'status-' + session.status">
              <div class="summary">
                <span class="time">{{ time(session) }}</span>
                <span class="badge" [class]="'badge status-badge status-badge--' + session.status">{{
                  statusLabels[session.status]
                }}</span>
              </div>
              <p class="who">
                with <strong>{{ other(session).displayName }}</strong>
                @if (session.location) {
                  · {{ session.location }}
                }
                @if (session.meetingUrl && session.status === 'scheduled') {
                  ·
                  <a [href]="session.meetingUrl" target="_blank" rel="noopener"
                    >Meeting link<span class="sr-only"> (opens in a new tab)</span></a
                  >
                }
              </p>
              @if (session.agenda) {
                <p class="agenda">{{ session.agenda }}</p>
              }
              @if (session.status === 'cancelled') {
                <p class="agenda">{{ cancellation(session) }}</p>
              }
              <div class="row">
                <a class="details" [routerLink]="['/', viewer(), 'sessions', session.id]"
                  >Details<span class="sr-only">
                    of the session with {{ other(session).displayName }}, {{ group.label }} {{ time(session) }}</span
                  ></a
                >
                <pp-session-actions-bar [session]="session" [viewer]="viewer()" (changed)="changed.emit($event)" />
              </div>
            </li>
          }
        </ul>
      </section>
    }
  `,
  styleUrl: './session-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionList {
  private readonly timeZone = injectViewerTimeZone();

  readonly sessions = input.required<SessionDto[]>();
  readonly viewer = input.required<Viewer>();
  /** Newest first, for past sessions. */
  readonly reverse = input(false);
  readonly headingLevel = input<3 | 4>(3);
  readonly changed = output<SessionDto>();

  protected readonly statusLabels = SESSION_STATUS_LABELS;
  protected readonly groups = computed<DayGroup[]>(() => {
    const zone = this.timeZone();
    const sorted = [...this.sessions()].sort(
      (a, b) => a.startsAt.localeCompare(b.startsAt) * (this.reverse() ? -1 : 1),
    );
    const groups: DayGroup[] = [];
    for (const session of sorted) {
      const key = dateInputValue(new Date(session.startsAt), zone);
      let group = groups.at(-1);
      if (group?.key !== key) {
        group = { key, label: formatLongDate(session.startsAt, zone), sessions: [] };
        groups.push(group);
      }
      group.sessions.push(session);
    }
    return groups;
  });

  protected time(session: SessionDto): string {
    const zone = this.timeZone();
    return `${formatTime(session.startsAt, zone)}–${formatTime(session.endsAt, zone)} ${zoneAbbreviation(session.startsAt, zone)}`;
  }

  protected cancellation(session: SessionDto): string {
    return cancellationText(session, this.viewer());
  }

  protected other(session: SessionDto) {
    return otherParty(session, this.viewer());
  }
}
