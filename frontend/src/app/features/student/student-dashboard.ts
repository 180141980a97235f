import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  resource,
  signal,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { Api } from '@app/core/api/api';
import { myAssignmentsMentors } from '@app/core/api/fn/me/my-assignments-mentors';
import { quotaGet } from '@app/core/api/fn/me/quota-get';
import { mentoringRequestsList } from '@app/core/api/fn/mentoring-requests/mentoring-requests-list';
import { sessionsList } from '@app/core/api/fn/sessions/sessions-list';
import type { MentoringRequestDto } from '@app/core/api/models/mentoring-request-dto';
import type { SessionDto } from '@app/core/api/models/session-dto';
import { AuthStore } from '@app/core/auth/auth-store';
import { NotificationStore } from '@app/core/notifications/notification-store';
import { formatDayMonth, formatResetDate, monthName } from '@app/core/time/format';
import { injectViewerTimeZone } from '@app/core/time/viewer-time-zone';
import { EmptyState } from '@app/shared/ui/empty-state';
import { LoadError } from '@app/shared/ui/load-error';
import { Loading } from '@app/shared/ui/loading';
import { PersonCard } from '@app/shared/ui/person-card';
import { resourceFailure } from '@app/shared/resource-failure';
import { CalendarFeedLink } from '@app/features/calendar/calendar-feed-link';
import { SessionList } from '@app/features/calendar/session-list';
import { PendingRequest } from './pending-request';
import { QuotaMeter } from './quota-meter';
import { RequestForm } from './request-form';
import { answeredRequestText, currentStatus, REQUEST_STATUS_LABELS } from './request-status';

export const RECENT_REQUESTS = 10;
const DAY_MS = 86_400_000;
const SESSION_WINDOW_DAYS = 90;

@Component({
  selector: 'pp-student-dashboard',
  imports: [
    RouterLink,
    EmptyState,
    Loading,
    LoadError,
    PersonCard,
    QuotaMeter,
    RequestForm,
    PendingRequest,
    SessionList,
    CalendarFeedLink,
  ],
  templateUrl: './student-dashboard.html',
  styleUrl: './student-dashboard.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StudentDashboard {
  private readonly api = inject(Api);
  private readonly notifications = inject(NotificationStore);

  protected readonly user = inject(AuthStore).user;
  protected readonly timeZone = injectViewerTimeZone();
  protected readonly statusLabels = REQUEST_STATUS_LABELS;

  protected readonly mentors = resource({ loader: () => this.api.invoke(myAssignmentsMentors) });
  protected readonly mentorsError = resourceFailure(this.mentors);
  protected readonly quota = resource({ loader: () => this.api.invoke(quotaGet) });
  protected readonly quotaError = resourceFailure(this.quota, 'Your allowance could not be loaded.');
  protected readonly requests = resource({
    loader: async () => (await this.api.invoke(mentoringRequestsList, { limit: RECENT_REQUESTS })).items,
  });
  protected readonly requestsError = resourceFailure(this.requests, 'Your requests could not be loaded.');
  protected readonly sessions = resource({ loader: () => this.fetchSessions() });
  protected readonly sessionsError = resourceFailure(this.sessions, 'Your sessions could not be loaded.');
  /** Why the last attempt to send a request was refused, or that it was sent. */
  protected readonly requestNotice = signal('');

  protected readonly mentorPeople = computed(() =>
    (this.mentors.hasValue() ? this.mentors.value() : []).map((m) => m.mentor),
  );
  /** The recent requests, or null while they load or when they failed. */
  protected readonly recentRequests = computed(() => (this.requests.hasValue() ? this.requests.value() : null));
  protected readonly pending = computed(
    () => this.recentRequests()?.find((r) => currentStatus(r) === 'pending') ?? null,
  );
  protected readonly lastOutcome = computed(() => {
    const latest = this.recentRequests()?.[0];
    return latest && currentStatus(latest) !== 'pending' ? answeredRequestText(latest, this.timeZone()) : '';
  });
  protected readonly quotaUsedUp = computed(() => {
    const quota = this.quota.hasValue() ? this.quota.value() : null;
    if (!quota || quota.remaining > 0) return '';
    return `You have used all ${quota.limit} sessions for ${monthName(quota.month)}. You can send a new request from ${formatResetDate(quota.resetsAt, this.timeZone())}.`;
  });
  private readonly sessionList = computed(() => (this.sessions.hasValue() ? this.sessions.value() : null));
  protected readonly upcoming = computed(
    () =>
      this.sessionList()?.filter((s) => new Date(s.startsAt).getTime() > Date.now() && s.status === 'scheduled') ??
      null,
  );
  protected readonly past = computed(
    () => this.sessionList()?.filter((s) => new Date(s.startsAt).getTime() <= Date.now()) ?? null,
  );
  /** Every section has its first answer (data or error); from then on each one reloads in place. */
  protected readonly ready = computed(() =>
    [this.mentors, this.quota, this.requests, this.sessions].every((section) => section.status() !== 'loading'),
  );

  constructor() {
    effect(() => {
      const arrived = this.notifications.lastArrival();
      if (arrived?.type.startsWith('request.') || arrived?.type.startsWith('session.')) {
        untracked(() => {
          // The news replaces what the dashboard last said about the request.
          this.requestNotice.set('');
          this.refresh();
        });
      }
    });
  }

  private async fetchSessions(): Promise<SessionDto[]> {
    const now = Date.now();
    const [past, upcoming] = await Promise.all([
      this.api.invoke(sessionsList, {
        from: new Date(now - SESSION_WINDOW_DAYS * DAY_MS).toISOString(),
        to: new Date(now).toISOString(),
        limit: 100,
      }),
      this.api.invoke(sessionsList, {
        from: new Date(now).toISOString(),
        to: new Date(now + SESSION_WINDOW_DAYS * DAY_MS).toISOString(),
        limit: 100,
      }),
    ]);
    const byId = new Map([...past.items, ...upcoming.items].map((s) => [s.id, s]));
    return [...byId.values()];
  }

  protected requestSent(request: MentoringRequestDto): void {
    this.requestNotice.set(
      `Request sent to ${request.mentor.displayName}. You will get a notification when they answer.`,
    );
    this.requests.set([request, ...(this.recentRequests() ?? [])]);
  }

  protected requestRefused(sentence: string): void {
    this.requestNotice.set(sentence);
    this.refresh();
  }

  protected requestWithdrawn(request: MentoringRequestDto): void {
    this.requestNotice.set(`You withdrew your request to ${request.mentor.displayName}. You can send a new one now.`);
    this.requests.reload();
  }

  protected requestOutdated(): void {
    this.requestNotice.set('Your request was answered or expired in the meantime.');
    this.refresh();
  }

  protected sessionChanged(): void {
    this.sessions.reload();
    this.quota.reload();
  }

  protected status(request: MentoringRequestDto) {
    return currentStatus(request);
  }

  protected expiry(request: MentoringRequestDto): string {
    return formatDayMonth(request.expiresAt, this.timeZone());
  }

  private refresh(): void {
    this.quota.reload();
    this.requests.reload();
    this.sessions.reload();
  }
}
