import { registerLocaleData } from '@angular/common';
import localeEnGb from '@angular/common/locales/en-GB';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  Injectable,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { Router } from '@angular/router';
import {
  CalendarDayViewComponent,
  CalendarEventTitleFormatter,
  CalendarEventTimesChangedEvent,
  CalendarMonthViewComponent,
  CalendarWeekViewComponent,
  DateAdapter,
  provideCalendar,
} from 'angular-calendar';
import { adapterFactory } from 'angular-calendar/date-adapters/date-fns';
import { Api } from '@app/core/api/api';
import { sessionsList } from '@app/core/api/fn/sessions/sessions-list';
import { sessionsUpdate } from '@app/core/api/fn/sessions/sessions-update';
import type { SessionDto } from '@app/core/api/models/session-dto';
import { AuthStore } from '@app/core/auth/auth-store';
import { problemMessage } from '@app/core/errors/problem';
import { NotificationStore } from '@app/core/notifications/notification-store';
import { formatTime, formatTimeRange } from '@app/core/time/format';
import { injectViewerTimeZone } from '@app/core/time/viewer-time-zone';
import { fromZonedWallClock, toZonedWallClock } from '@app/core/time/zoned-time';
import { allPages } from '@app/shared/keyset-list';
import { EmptyState } from '@app/shared/ui/empty-state';
import { LoadError } from '@app/shared/ui/load-error';
import { Loading } from '@app/shared/ui/loading';
import {
  CALENDAR_MODES,
  CalendarMode,
  dateKey,
  parseDateKey,
  periodInstants,
  statusSuffix,
  periodTitle,
  SessionEvent,
  shiftPeriod,
  toSessionEvent,
  visibleHours,
  WEEK_STARTS_ON,
} from './calendar-events';
import { CalendarFeedLink } from './calendar-feed-link';
import { CalendarGridStyles } from './calendar-grid-styles';
import { SessionActions } from './session-actions';
import { SessionDetails } from './session-details';
import { SessionList } from './session-list';
import { scheduleProblemMessage } from './session-problems';
import { otherParty, SESSION_STATUS_LABELS, SESSION_STATUSES, Viewer } from './session-status';

registerLocaleData(localeEnGb);

/** No hover tooltips: the event already shows its title, and a tooltip only repeats it for mouse users. */
@Injectable()
class PortalEventTitles extends CalendarEventTitleFormatter {
  override monthTooltip(): string {
    return '';
  }

  override weekTooltip(): string {
    return '';
  }

  override dayTooltip(): string {
    return '';
  }
}

const PAGE_LIMIT = 100;

/**
 * Sessions on a month, week or day grid (or as a list), in the viewer's time zone. Mentors click a
 * free slot to schedule and drag a session to move it.
 */
@Component({
  selector: 'pp-session-calendar',
  imports: [
    MatButton,
    MatButtonToggleGroup,
    MatButtonToggle,
    CalendarMonthViewComponent,
    CalendarWeekViewComponent,
    CalendarDayViewComponent,
    CalendarGridStyles,
    EmptyState,
    Loading,
    LoadError,
    SessionDetails,
    SessionList,
    CalendarFeedLink,
  ],
  providers: [
    provideCalendar(
      { provide: DateAdapter, useFactory: adapterFactory },
      { eventTitleFormatter: { provide: CalendarEventTitleFormatter, useClass: PortalEventTitles } },
    ),
  ],
  templateUrl: './session-calendar.html',
  styleUrl: './session-calendar.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionCalendar {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly actions = inject(SessionActions);
  private readonly notifications = inject(NotificationStore);
  protected readonly timeZone = injectViewerTimeZone();

  /** Query parameters: `view` (month, week, day, list) and `date` (YYYY-MM-DD). */
  readonly view = input<string>();
  readonly date = input<string>();
  readonly layout = input<string>();

  protected readonly viewer = computed<Viewer>(() => (this.auth.role() === 'mentor' ? 'mentor' : 'student'));
  protected readonly modes = CALENDAR_MODES;
  protected readonly statuses = SESSION_STATUSES;
  protected readonly weekStartsOn = WEEK_STARTS_ON;
  protected readonly mode = computed<CalendarMode>(() => {
    const view = this.view();
    return CALENDAR_MODES.includes(view as CalendarMode) ? (view as CalendarMode) : 'month';
  });
  protected readonly asList = computed(() => this.layout() === 'list');
  protected readonly viewDate = computed(
    () => parseDateKey(this.date()) ?? toZonedWallClock(new Date(), this.timeZone()),
  );
  protected readonly title = computed(() => periodTitle(this.mode(), this.viewDate()));

  protected readonly sessions = signal<SessionDto[] | null>(null);
  protected readonly error = signal('');
  protected readonly notice = signal('');
  protected readonly selected = signal<SessionDto | null>(null);
  protected readonly events = computed<SessionEvent[]>(() =>
    (this.sessions() ?? []).map((s) => toSessionEvent(s, this.viewer(), this.timeZone())),
  );
  protected readonly hours = computed(() => visibleHours(this.events()));

  private readonly detailsPanel = viewChild<ElementRef<HTMLElement>>('detailsPanel');
  private returnFocusTo: HTMLElement | null = null;
  private loadSequence = 0;

  constructor() {
    effect(() => {
      const range = periodInstants(this.mode(), this.viewDate(), this.timeZone());
      untracked(() => void this.load(range));
    });
    effect(() => {
      const arrived = this.notifications.lastArrival();
      if (arrived?.type.startsWith('session.') || arrived?.type === 'request.accepted') untracked(() => this.reload());
    });
  }

  protected reload(): void {
    void this.load(periodInstants(this.mode(), this.viewDate(), this.timeZone()), false);
  }

  protected showMode(mode: CalendarMode): void {
    this.navigate({ view: mode });
  }

  protected showLayout(layout: 'grid' | 'list'): void {
    this.navigate({ layout: layout === 'list' ? 'list' : null });
  }

  protected step(steps: number): void {
    this.navigate({ date: dateKey(shiftPeriod(this.mode(), this.viewDate(), steps)) });
  }

  protected today(): void {
    this.navigate({ date: null });
  }

  protected openDay(date: Date): void {
    this.navigate({ view: 'day', date: dateKey(date) });
  }

  protected monthTime(session: SessionDto): string {
    return formatTime(session.startsAt, this.timeZone());
  }

  protected monthWho(session: SessionDto): string {
    return `${otherParty(session, this.viewer()).displayName}${statusSuffix(session)}`;
  }

  protected showSession(session: SessionDto, event?: Event): void {
    event?.stopPropagation();
    this.returnFocusTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.selected.set(session);
    afterNextRender(() => this.detailsPanel()?.nativeElement.querySelector<HTMLElement>('h2')?.focus(), {
      injector: this.injector,
    });
  }

  protected closeDetails(): void {
    this.selected.set(null);
    const target = this.returnFocusTo;
    this.returnFocusTo = null;
    if (target?.isConnected) target.focus();
  }

  protected sessionChanged(session: SessionDto): void {
    if (this.selected()?.id === session.id) this.selected.set(session);
    this.sessions.update((list) => list?.map((s) => (s.id === session.id ? session : s)) ?? list);
    this.reload();
  }

  /** A click on an empty slot of the week or day grid. */
  protected async scheduleAt(slot: Date): Promise<void> {
    if (this.viewer() !== 'mentor') return;
    const startsAt = fromZonedWallClock(slot, this.timeZone());
    if (startsAt.getTime() <= Date.now()) {
      this.notice.set('That time has passed. Choose a slot in the future.');
      return;
    }
    await this.scheduleSession(startsAt);
  }

  protected async scheduleSession(startsAt?: Date): Promise<void> {
    this.notice.set('');
    const result = await this.actions.schedule({ mode: 'create', startsAt });
    if (result) this.reload();
  }

  /** A session dragged to another time: moved on the server, or back where it was with the reason. */
  protected async moveSession({ event, newStart, newEnd }: CalendarEventTimesChangedEvent<SessionDto>): Promise<void> {
    const session = event.meta;
    if (!session || !newEnd) return;
    const startsAt = fromZonedWallClock(newStart, this.timeZone());
    const endsAt = fromZonedWallClock(newEnd, this.timeZone());
    if (startsAt.toISOString() === session.startsAt) return;
    this.notice.set('');
    if (startsAt.getTime() <= Date.now()) {
      this.notice.set('A session can only be moved to a time in the future. It stays where it was.');
      return;
    }
    // Show it at the new time straight away; the reload puts it back if the server refuses.
    const moved = { ...session, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() };
    this.sessions.update((list) => list?.map((s) => (s.id === session.id ? moved : s)) ?? list);
    try {
      const updated = await this.api.invoke(sessionsUpdate, {
        id: session.id,
        body: { startsAt: moved.startsAt, endsAt: moved.endsAt },
      });
      this.notice.set(
        `Session with ${session.student.displayName} moved to ${formatTimeRange(updated.startsAt, updated.endsAt, this.timeZone())}.`,
      );
      this.sessionChanged(updated);
    } catch (error) {
      this.sessions.update((list) => list?.map((s) => (s.id === session.id ? session : s)) ?? list);
      this.notice.set(
        `The session was not moved. ${scheduleProblemMessage(error, this.timeZone(), session.student.displayName)}`,
      );
    }
  }

  /** "10:00 Aisha Rahman (cancelled)" on a session in the week and day grids. */
  protected timedTitle(event: SessionEvent): string {
    return `${this.hourLabel(event.start)} ${otherParty(event.meta!, this.viewer()).displayName}${statusSuffix(event.meta!)}`;
  }

  /** "Session with Aisha Rahman, Wednesday 2 December, 10:00 to 11:00, scheduled". */
  protected timedLabel(event: SessionEvent): string {
    const session = event.meta!;
    const end = event.end ? ` to ${this.hourLabel(event.end)}` : '';
    return `Session with ${otherParty(session, this.viewer()).displayName}, ${this.dayLabel(event.start)}, ${this.hourLabel(event.start)}${end}, ${SESSION_STATUS_LABELS[session.status].toLowerCase()}`;
  }

  /** Grid dates are browser-local, shifted to the viewer's wall clock. */
  protected dayLabel(date: Date): string {
    return new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long' }).format(date);
  }

  protected hourLabel(date: Date): string {
    return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
  }

  protected slotKey(date: Date): string {
    return `${dateKey(date)}T${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
  }

  private navigate(params: Record<string, string | null>): void {
    this.selected.set(null);
    void this.router.navigate([], { queryParams: params, queryParamsHandling: 'merge', replaceUrl: true });
  }

  private async load(range: { from: string; to: string }, showLoading = true): Promise<void> {
    const sequence = ++this.loadSequence;
    this.error.set('');
    if (showLoading) this.sessions.set(null);
    try {
      const all = await allPages((cursor) => this.api.invoke(sessionsList, { ...range, limit: PAGE_LIMIT, cursor }));
      if (sequence !== this.loadSequence) return;
      this.sessions.set(all);
      const selected = this.selected();
      if (selected) this.selected.set(all.find((s) => s.id === selected.id) ?? selected);
    } catch (error) {
      if (sequence !== this.loadSequence) return;
      this.error.set(`Your sessions could not be loaded. ${problemMessage(error)}`);
    }
  }
}
