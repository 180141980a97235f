import { ChangeDetectionStrategy, Component, computed, effect, inject, resource, untracked } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { Api } from '@app/core/api/api';
import { myAssignmentsStudents } from '@app/core/api/fn/me/my-assignments-students';
import { mentoringRequestsList } from '@app/core/api/fn/mentoring-requests/mentoring-requests-list';
import { sessionsList } from '@app/core/api/fn/sessions/sessions-list';
import { AuthStore } from '@app/core/auth/auth-store';
import { NotificationStore } from '@app/core/notifications/notification-store';
import { EmptyState } from '@app/shared/ui/empty-state';
import { LoadError } from '@app/shared/ui/load-error';
import { Loading } from '@app/shared/ui/loading';
import { PersonCard } from '@app/shared/ui/person-card';
import { resourceFailure } from '@app/shared/resource-failure';
import { CalendarFeedLink } from '@app/features/calendar/calendar-feed-link';
import { SessionActions } from '@app/features/calendar/session-actions';
import { SessionList } from '@app/features/calendar/session-list';
import { RequestCard } from './request-card';

const DAY_MS = 86_400_000;

@Component({
  selector: 'pp-mentor-dashboard',
  imports: [
    RouterLink,
    MatButton,
    EmptyState,
    Loading,
    LoadError,
    PersonCard,
    RequestCard,
    SessionList,
    CalendarFeedLink,
  ],
  templateUrl: './mentor-dashboard.html',
  styleUrl: './mentor-dashboard.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MentorDashboard {
  private readonly api = inject(Api);
  private readonly actions = inject(SessionActions);
  private readonly notifications = inject(NotificationStore);

  protected readonly user = inject(AuthStore).user;
  protected readonly students = resource({ loader: () => this.api.invoke(myAssignmentsStudents) });
  protected readonly studentsError = resourceFailure(this.students);
  protected readonly requests = resource({ loader: () => this.fetchRequests() });
  protected readonly requestsError = resourceFailure(this.requests, 'Your requests could not be loaded.');
  /** The waiting and the recently answered requests, or null while they load or when they failed. */
  protected readonly inbox = computed(() => (this.requests.hasValue() ? this.requests.value() : null));
  protected readonly sessions = resource({ loader: () => this.fetchSessions() });
  protected readonly sessionsError = resourceFailure(this.sessions, 'Your sessions could not be loaded.');

  private readonly sessionList = computed(() => (this.sessions.hasValue() ? this.sessions.value() : null));
  protected readonly needsOutcome = computed(
    () => this.sessionList()?.filter((s) => new Date(s.startsAt).getTime() <= Date.now()) ?? null,
  );
  protected readonly upcoming = computed(
    () => this.sessionList()?.filter((s) => new Date(s.startsAt).getTime() > Date.now()) ?? null,
  );
  /** Every section has its first answer (data or error); from then on each one reloads in place. */
  protected readonly ready = computed(() =>
    [this.students, this.requests, this.sessions].every((section) => section.status() !== 'loading'),
  );

  constructor() {
    effect(() => {
      const arrived = this.notifications.lastArrival();
      if (arrived?.type.startsWith('request.') || arrived?.type.startsWith('session.')) {
        untracked(() => {
          this.requests.reload();
          this.sessions.reload();
        });
      }
    });
  }

  private async fetchRequests() {
    const [pending, recent] = await Promise.all([
      this.api.invoke(mentoringRequestsList, { status: 'pending', limit: 100 }),
      this.api.invoke(mentoringRequestsList, { sort: 'updated', limit: 10 }),
    ]);
    return {
      // The longest-waiting first: they expire soonest.
      pending: [...pending.items].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
      answered: recent.items.filter((r) => r.status !== 'pending'),
    };
  }

  private async fetchSessions() {
    const now = Date.now();
    const page = await this.api.invoke(sessionsList, {
      from: new Date(now - 30 * DAY_MS).toISOString(),
      to: new Date(now + 60 * DAY_MS).toISOString(),
      status: 'scheduled',
      limit: 100,
    });
    return page.items;
  }

  protected requestAnswered(): void {
    this.requests.reload();
    this.sessions.reload();
  }

  protected async scheduleFor(studentId: string): Promise<void> {
    const students = (this.students.hasValue() ? this.students.value() : []).map((s) => s.student);
    if (await this.actions.schedule({ mode: 'create', students, studentId })) this.sessions.reload();
  }

  protected sessionChanged(): void {
    this.sessions.reload();
  }
}
