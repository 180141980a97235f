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
import { problemMessage } from '@app/core/errors/problem';
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
type ListState = 'loading' | 'ready' | 'error';

/** One keyset-paged list whose rows can change in place. */
export class LiveList<T extends Row> {
  readonly rows = signal<T[]>([]);
  readonly state = signal<ListState>('loading');
  readonly error = signal('');
  readonly nextCursor = signal<string | null>(null);
  readonly loadingMore = signal(false);
  private generation = 0;

  constructor(private readonly fetchPage: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>) {}

  async load(): Promise<void> {
    const generation = ++this.generation;
    this.state.set('loading');
    try {
      const page = await this.fetchPage();
      if (generation !== this.generation) return;
      this.rows.set(page.items);
      this.nextCursor.set(page.nextCursor);
      this.state.set('ready');
    } catch (error) {
      if (generation !== this.generation) return;
      this.error.set(problemMessage(error));
      this.state.set('error');
    }
  }

  async loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    const generation = this.generation;
    this.loadingMore.set(true);
    try {
      const page = await this.fetchPage(cursor);
      if (generation !== this.generation) return;
      // Rows pushed live may also come in a later page.
      const known = new Set(this.rows().map((r) => r.id));
      this.rows.update((rows) => [...rows, ...page.items.filter((r) => !known.has(r.id))]);
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      this.error.set(problemMessage(error));
    } finally {
      this.loadingMore.set(false);
    }
  }

  find(id: string): T | undefined {
    return this.rows().find((r) => r.id === id);
  }

  replace(row: T): void {
    this.rows.update((rows) => rows.map((r) => (r.id === row.id ? row : r)));
  }

  prepend(row: T): void {
    this.rows.update((rows) => [row, ...rows.filter((r) => r.id !== row.id)]);
  }
}

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
  readonly sessions = new LiveList<SessionDto>((cursor) =>
    this.api.invoke(sessionsList, sessionQuery(this.filters(), cursor)),
  );
  readonly requests = new LiveList<MentoringRequestDto>((cursor) =>
    this.api.invoke(mentoringRequestsList, requestQuery(this.filters(), cursor)),
  );
  /** Rows changed live a moment ago, shown with a highlight. */
  readonly changed = signal<ReadonlySet<string>>(new Set());
  private readonly fetching = new Set<string>();

  reload(): Promise<unknown> {
    return Promise.all([this.sessions.load(), this.requests.load()]);
  }

  setFilters(filters: BoardFilters): Promise<unknown> {
    this.filters.set(filters);
    return this.reload();
  }

  async apply(event: OversightEvent): Promise<void> {
    const id = event.subject.id;
    const list: LiveList<SessionDto> | LiveList<MentoringRequestDto> =
      event.subject.type === 'session' ? this.sessions : this.requests;
    const existing = list.find(id);
    if (existing) {
      (list as LiveList<Row>).replace(mergeState(existing, event));
      this.highlight(id);
      return;
    }
    if (list.state() !== 'ready' || !matchesFilters(this.filters(), event) || this.fetching.has(id)) return;
    this.fetching.add(id);
    try {
      const row =
        event.subject.type === 'session'
          ? await this.api.invoke(sessionsGet, { id })
          : await this.api.invoke(mentoringRequestsGet, { id });
      (list as LiveList<Row>).prepend(row);
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
