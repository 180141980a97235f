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
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { Api } from '@app/core/api/api';
import { myAssignmentsStudents } from '@app/core/api/fn/me/my-assignments-students';
import { mentoringRequestsList } from '@app/core/api/fn/mentoring-requests/mentoring-requests-list';
import { sessionsList } from '@app/core/api/fn/sessions/sessions-list';
import type { MentoringRequestDto } from '@app/core/api/models/mentoring-request-dto';
import type { MyStudentDto } from '@app/core/api/models/my-student-dto';
import type { SessionDto } from '@app/core/api/models/session-dto';
import { AuthStore } from '@app/core/auth/auth-store';
import { problemMessage } from '@app/core/errors/problem';
import { NotificationStore } from '@app/core/notifications/notification-store';
import { EmptyState } from '@app/shared/ui/empty-state';
import { LoadError } from '@app/shared/ui/load-error';
import { Loading } from '@app/shared/ui/loading';
import { PersonCard } from '@app/shared/ui/person-card';
import { CalendarFeedLink } from '@app/features/calendar/calendar-feed-link';
import { SessionActions } from '@app/features/calendar/session-actions';
import { SessionList } from '@app/features/calendar/session-list';
import { RequestCard } from './request-card';

const DAY_MS = 86_400_000;

interface Loadable<T> {
  value: T | null;
  error: string;
}

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
  protected readonly students = signal<MyStudentDto[] | null>(null);
  protected readonly error = signal('');
  protected readonly requests = signal<Loadable<{ pending: MentoringRequestDto[]; answered: MentoringRequestDto[] }>>({
    value: null,
    error: '',
  });
  protected readonly sessions = signal<Loadable<SessionDto[]>>({ value: null, error: '' });

  protected readonly needsOutcome = computed(
    () => this.sessions().value?.filter((s) => new Date(s.startsAt).getTime() <= Date.now()) ?? null,
  );
  protected readonly upcoming = computed(
    () => this.sessions().value?.filter((s) => new Date(s.startsAt).getTime() > Date.now()) ?? null,
  );
  /** Every section has its first answer (data or error); from then on each one reloads in place. */
  protected readonly ready = signal(false);

  constructor() {
    // The loads never reject: a failure becomes the section's error.
    void Promise.all([this.loadStudents(), this.loadRequests(), this.loadSessions()]).then(() => this.ready.set(true));
    effect(() => {
      const arrived = this.notifications.lastArrival();
      if (arrived?.type.startsWith('request.') || arrived?.type.startsWith('session.')) {
        untracked(() => {
          void this.loadRequests();
          void this.loadSessions();
        });
      }
    });
  }

  protected async loadStudents(): Promise<void> {
    this.error.set('');
    this.students.set(null);
    try {
      this.students.set(await this.api.invoke(myAssignmentsStudents));
    } catch (error) {
      this.error.set(problemMessage(error));
    }
  }

  protected async loadRequests(): Promise<void> {
    await this.fill(
      this.requests,
      async () => {
        const [pending, recent] = await Promise.all([
          this.api.invoke(mentoringRequestsList, { status: 'pending', limit: 100 }),
          this.api.invoke(mentoringRequestsList, { sort: 'updated', limit: 10 }),
        ]);
        return {
          // The longest-waiting first: they expire soonest.
          pending: [...pending.items].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
          answered: recent.items.filter((r) => r.status !== 'pending'),
        };
      },
      'Your requests could not be loaded.',
    );
  }

  protected async loadSessions(): Promise<void> {
    const now = Date.now();
    await this.fill(
      this.sessions,
      async () =>
        (
          await this.api.invoke(sessionsList, {
            from: new Date(now - 30 * DAY_MS).toISOString(),
            to: new Date(now + 60 * DAY_MS).toISOString(),
            status: 'scheduled',
            limit: 100,
          })
        ).items,
      'Your sessions could not be loaded.',
    );
  }

  protected requestAnswered(): void {
    void this.loadRequests();
    void this.loadSessions();
  }

  protected async scheduleFor(studentId: string): Promise<void> {
    const students = (this.students() ?? []).map((s) => s.student);
    if (await this.actions.schedule({ mode: 'create', students, studentId })) void this.loadSessions();
  }

  protected sessionChanged(): void {
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
