import { inject, Injectable, signal } from '@angular/core';
import { Api } from '@app/core/api/api';
import { mentoringRequestsGet } from '@app/core/api/fn/mentoring-requests/mentoring-requests-get';
import {
  mentoringRequestsList,
  MentoringRequestsList$Params,
} from '@app/core/api/fn/mentoring-requests/mentoring-requests-list';
import { sessionsGet } from '@app/core/api/fn/sessions/sessions-get';
import { sessionsList, SessionsList$Params } from '@app/core/api/fn/sessions/sessions-list';
import type { MentoringRequestDto } from '@app/core/api/models/mentoring-request-dto';
import type { RequestStatus } from '@app/core/api/models/request-status';
import type { SessionDto } from '@app/core/api/models/session-dto';
import type { SessionStatus } from '@app/core/api/models/session-status';
import { KeysetList } from '@app/shared/keyset-list';
import { compact, endOfDay, startOfDay } from './date-range';
import type { OversightEvent } from './live-feed';

export interface BoardFilters {
  sessionStatus: SessionStatus | '';
  requestStatus: RequestStatus | '';
  mentorId: string;
  studentId: string;
  /** `YYYY-MM-DD` from a date input, or '' */
  from: string;
  to: string;
}

export const NO_FILTERS: BoardFilters = {
  sessionStatus: '',
  requestStatus: '',
  mentorId: '',
  studentId: '',
  from: '',
  to: '',
};
export const PAGE_SIZE = 25;
const HIGHLIGHT_MS = 4_000;

export function sessionQuery(filters: BoardFilters, cursor?: string): SessionsList$Params {
  return compact({
    status: filters.sessionStatus || undefined,
    mentorId: filters.mentorId,
    studentId: filters.studentId,
    from: startOfDay(filters.from),
    to: endOfDay(filters.to),
    sort: 'updated' as const,
    limit: PAGE_SIZE,
    cursor,
  });
}

export function requestQuery(filters: BoardFilters, cursor?: string): MentoringRequestsList$Params {
  return compact({
    status: filters.requestStatus || undefined,
    mentorId: filters.mentorId,
    studentId: filters.studentId,
    from: startOfDay(filters.from),
    to: endOfDay(filters.to),
    sort: 'updated' as const,
    limit: PAGE_SIZE,
    cursor,
  });
}

/** Whether the new state of a row not on screen belongs in the list the filters describe. */
export function matchesFilters(filters: BoardFilters, event: OversightEvent): boolean {
  const { state, subject } = event;
  const status = subject.type === 'session' ? filters.sessionStatus : filters.requestStatus;
  if (status && state.status !== status) return false;
  if (filters.mentorId && state.mentorId !== filters.mentorId) return false;
  if (filters.studentId && state.studentId !== filters.studentId) return false;
  const from = startOfDay(filters.from);
  const to = endOfDay(filters.to);
  if (subject.type === 'session') {
    if (from && typeof state['endsAt'] === 'string' && state['endsAt'] <= from) return false;
    if (to && typeof state['startsAt'] === 'string' && state['startsAt'] >= to) return false;
  } else {
    const created = typeof state['createdAt'] === 'string' ? state['createdAt'] : event.at;
    if (from && created < from) return false;
    if (to && created >= to) return false;
  }
  return true;
}

type Row = { id: string; updatedAt: string };

/** Copies the plain fields an event carries onto the row; names and nested people stay as they are. */
export function mergeState<T extends Row>(row: T, event: OversightEvent): T {
  const merged: Record<string, unknown> = { ...row, updatedAt: event.at };
  for (const [key, value] of Object.entries(event.state)) {
    if (key in row && key !== 'id' && (value === null || typeof value !== 'object')) merged[key] = value;
  }
  return merged as T;
}

@Injectable()
export class BoardStore {
  private readonly api = inject(Api);

  readonly filters = signal<BoardFilters>(NO_FILTERS);
  readonly sessions = new KeysetList<SessionDto>((cursor) =>
    this.api.invoke(sessionsList, sessionQuery(this.filters(), cursor)),
  );
  readonly requests = new KeysetList<MentoringRequestDto>((cursor) =>
    this.api.invoke(mentoringRequestsList, requestQuery(this.filters(), cursor)),
  );
  /** Rows changed live a moment ago, shown with a highlight. */
  readonly changed = signal<ReadonlySet<string>>(new Set());
  private readonly fetching = new Set<string>();

  reload(): Promise<unknown> {
    return Promise.all([this.sessions.reload(), this.requests.reload()]);
  }

  setFilters(filters: BoardFilters): Promise<unknown> {
    this.filters.set(filters);
    return this.reload();
  }

  apply(event: OversightEvent): Promise<void> {
    return event.subject.type === 'session'
      ? this.applyTo(this.sessions, event, (id) => this.api.invoke(sessionsGet, { id }))
      : this.applyTo(this.requests, event, (id) => this.api.invoke(mentoringRequestsGet, { id }));
  }

  private async applyTo<T extends Row>(
    list: KeysetList<T>,
    event: OversightEvent,
    fetchRow: (id: string) => Promise<T>,
  ): Promise<void> {
    const id = event.subject.id;
    const existing = list.find(id);
    if (existing) {
      list.replace(mergeState(existing, event));
      this.highlight(id);
      return;
    }
    if (!list.ready() || !matchesFilters(this.filters(), event) || this.fetching.has(id)) return;
    this.fetching.add(id);
    try {
      list.prepend(await fetchRow(id));
      this.highlight(id);
    } catch {
      // Gone again, or not visible: the next reload shows the truth.
    } finally {
      this.fetching.delete(id);
    }
  }

  private highlight(id: string): void {
    this.changed.update((ids) => new Set(ids).add(id));
    setTimeout(() => {
      this.changed.update((ids) => {
        const next = new Set(ids);
        next.delete(id);
        return next;
      });
    }, HIGHLIGHT_MS);
  }
}
