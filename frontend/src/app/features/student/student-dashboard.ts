import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
  WritableSignal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { Api } from '@app/core/api/api';
import { myAssignmentsMentors } from '@app/core/api/fn/me/my-assignments-mentors';
import { quotaGet } from '@app/core/api/fn/me/quota-get';
import { mentoringRequestsList } from '@app/core/api/fn/mentoring-requests/mentoring-requests-list';
import { sessionsList } from '@app/core/api/fn/sessions/sessions-list';
import type { MentoringRequestDto } from '@app/core/api/models/mentoring-request-dto';
import type { MyMentorDto } from '@app/core/api/models/my-mentor-dto';
import type { QuotaDto } from '@app/core/api/models/quota-dto';
import type { SessionDto } from '@app/core/api/models/session-dto';
import { AuthStore } from '@app/core/auth/auth-store';
import { problemMessage } from '@app/core/errors/problem';
import { NotificationStore } from '@app/core/notifications/notification-store';
import { formatDayMonth, formatResetDate, monthName } from '@app/core/time/format';
import { injectViewerTimeZone } from '@app/core/time/viewer-time-zone';
import { EmptyState } from '@app/shared/ui/empty-state';
import { LoadError } from '@app/shared/ui/load-error';
import { Loading } from '@app/shared/ui/loading';
import { PersonCard } from '@app/shared/ui/person-card';
import { CalendarFeedLink } from '@app/features/calendar/calendar-feed-link';
import { SessionList } from '@app/features/calendar/session-list';
import { PendingRequest } from './pending-request';
import { QuotaMeter } from './quota-meter';
import { RequestForm } from './request-form';
import { answeredRequestText, currentStatus, REQUEST_STATUS_LABELS } from './request-status';

export const RECENT_REQUESTS = 10;
const DAY_MS = 86_400_000;
const SESSION_WINDOW_DAYS = 90;

interface Loadable<T> {
  value: T | null;
  error: string;
}

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

  protected readonly mentors = signal<MyMentorDto[] | null>(null);
  protected readonly error = signal('');
  protected readonly quota = signal<Loadable<QuotaDto>>({ value: null, error: '' });
  protected readonly requests = signal<Loadable<MentoringRequestDto[]>>({ value: null, error: '' });
  protected readonly sessions = signal<Loadable<SessionDto[]>>({ value: null, error: '' });
  /** Why the last attempt to send a request was refused, or that it was sent. */
  protected readonly requestNotice = signal('');

  protected readonly mentorPeople = computed(() => (this.mentors() ?? []).map((m) => m.mentor));
  protected readonly pending = computed(
    () => this.requests().value?.find((r) => currentStatus(r) === 'pending') ?? null,
  );
  protected readonly lastOutcome = computed(() => {
    const latest = this.requests().value?.[0];
    return latest && currentStatus(latest) !== 'pending' ? answeredRequestText(latest, this.timeZone()) : '';
  });
  protected readonly quotaUsedUp = computed(() => {
    const quota = this.quota().value;
    if (!quota || quota.remaining > 0) return '';
    return `You have used all ${quota.limit} sessions for ${monthName(quota.month)}. You can send a new request from ${formatResetDate(quota.resetsAt, this.timeZone())}.`;
  });
  protected readonly upcoming = computed(
    () =>
      this.sessions().value?.filter((s) => new Date(s.startsAt).getTime() > Date.now() && s.status === 'scheduled') ??
      null,
  );
  protected readonly past = computed(
    () => this.sessions().value?.filter((s) => new Date(s.startsAt).getTime() <= Date.now()) ?? null,
  );
  /** Every section has its first answer (data or error); from then on each one reloads in place. */
  protected readonly ready = signal(false);

  constructor() {
    // The loads never reject: a failure becomes the section's error.
    void Promise.all([this.loadMentors(), this.loadQuota(), this.loadRequests(), this.loadSessions()]).then(() =>
      this.ready.set(true),
    );
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

  protected async loadMentors(): Promise<void> {
    this.error.set('');
    this.mentors.set(null);
    try {
      this.mentors.set(await this.api.invoke(myAssignmentsMentors));
    } catch (error) {
      this.error.set(problemMessage(error));
    }
  }

  protected async loadQuota(): Promise<void> {
    await this.fill(this.quota, () => this.api.invoke(quotaGet), 'Your allowance could not be loaded.');
  }

  protected async loadRequests(): Promise<void> {
    await this.fill(
      this.requests,
      async () => (await this.api.invoke(mentoringRequestsList, { limit: RECENT_REQUESTS })).items,
      'Your requests could not be loaded.',
    );
  }

  protected async loadSessions(): Promise<void> {
    const now = Date.now();
    await this.fill(
      this.sessions,
      async () => {
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
      },
      'Your sessions could not be loaded.',
    );
  }

  protected requestSent(request: MentoringRequestDto): void {
    this.requestNotice.set(
      `Request sent to ${request.mentor.displayName}. You will get a notification when they answer.`,
    );
    this.requests.update((state) => ({ value: [request, ...(state.value ?? [])], error: '' }));
  }

  protected requestRefused(sentence: string): void {
    this.requestNotice.set(sentence);
    this.refresh();
  }

  protected requestWithdrawn(request: MentoringRequestDto): void {
    this.requestNotice.set(`You withdrew your request to ${request.mentor.displayName}. You can send a new one now.`);
    void this.loadRequests();
  }

  protected requestOutdated(): void {
    this.requestNotice.set('Your request was answered or expired in the meantime.');
    this.refresh();
  }

  protected sessionChanged(): void {
    void this.loadSessions();
    void this.loadQuota();
  }

  protected status(request: MentoringRequestDto) {
    return currentStatus(request);
  }

  protected expiry(request: MentoringRequestDto): string {
    return formatDayMonth(request.expiresAt, this.timeZone());
  }

  private refresh(): void {
    void this.loadQuota();
    void this.loadRequests();
    void this.loadSessions();
  }

  private async fill<T>(target: WritableSignal<Loadable<T>>, load: () => Promise<T>, failure: string): Promise<void> {
    target.update((state) => ({ value: state.error ? null : state.value, error: '' }));
    try {
      target.set({ value: await load(), error: '' });
    } catch (error) {
      target.set({ value: null, error: `${failure} ${problemMessage(error)}` });
    }
  }
}
