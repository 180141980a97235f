import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { SessionDto } from '@app/core/api/models/session-dto';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { aUser } from '@app/testing/users';
import { BoardStore, NO_FILTERS } from './board-store';
import type { OversightEvent } from './live-feed';

const mentor = aUser({ role: 'mentor', displayName: 'Dr. Amara Okafor' });
const student = aUser({ role: 'student', displayName: 'Ben Student' });

function aSession(overrides: Partial<SessionDto> = {}): SessionDto {
  return {
    id: 's1',
    agenda: null,
    cancelReason: null,
    cancelledAt: null,
    cancelledBy: null,
    countsTowardsQuota: true,
    createdAt: '2026-11-20T10:00:00.000Z',
    startsAt: '2026-12-03T10:00:00.000Z',
    endsAt: '2026-12-03T11:00:00.000Z',
    location: null,
    meetingUrl: null,
    mentor,
    student,
    requestId: null,
    sequence: 1,
    status: 'scheduled',
    updatedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

function anEvent(type: string, state: Partial<OversightEvent['state']> & { id: string }): OversightEvent {
  return {
    type,
    at: '2026-11-27T12:00:00.000Z',
    actorId: mentor.id,
    subject: { type: type.startsWith('session') ? 'session' : 'request', id: state.id },
    state: { status: 'scheduled', mentorId: mentor.id, studentId: student.id, ...state },
  };
}

describe(BoardStore.name, () => {
  let store: BoardStore;
  let http: HttpTestingController;

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    TestBed.configureTestingModule({
      providers: [
        BoardStore,
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    store = TestBed.inject(BoardStore);
    http = TestBed.inject(HttpTestingController);
    const loaded = store.setFilters(NO_FILTERS);
    const sessions = http.expectOne((r) => r.url === '/api/v1/sessions');
    expect(sessions.request.params.get('sort')).toBe('updated');
    sessions.flush({ items: [aSession({ id: 's1' }), aSession({ id: 's2' })], nextCursor: null });
    http.expectOne((r) => r.url === '/api/v1/mentoring-requests').flush({ items: [], nextCursor: null });
    await loaded;
  });

  afterEach(() => {
    http.verify();
    vi.useRealTimers();
  });

  it('should change a row on screen in place, without asking the server, and highlight it for a moment', async () => {
    await store.apply(
      anEvent('session.cancelled', { id: 's2', status: 'cancelled', startsAt: '2026-12-03T10:00:00.000Z' }),
    );

    expect(store.sessions.items().map((s) => [s.id, s.status])).toEqual([
      ['s1', 'scheduled'],
      ['s2', 'cancelled'],
    ]);
    expect(store.sessions.items()[1].student.displayName).toBe('Ben Student');
    expect(store.changed().has('s2')).toBe(true);
    vi.advanceTimersByTime(4_000);
    expect(store.changed().has('s2')).toBe(false);
  });

  it('should fetch a session it has not seen and insert it at the top', async () => {
    const applied = store.apply(
      anEvent('session.scheduled', {
        id: 's3',
        startsAt: '2026-12-04T10:00:00.000Z',
        endsAt: '2026-12-04T11:00:00.000Z',
      }),
    );
    http.expectOne('/api/v1/sessions/s3').flush(aSession({ id: 's3' }));
    await applied;

    expect(store.sessions.items().map((s) => s.id)).toEqual(['s3', 's1', 's2']);
    expect(store.changed().has('s3')).toBe(true);
  });

  it('should leave out a new row the filters exclude', async () => {
    store.filters.set({ ...NO_FILTERS, sessionStatus: 'completed' });
    await store.apply(anEvent('session.scheduled', { id: 's4' }));
    expect(store.sessions.items().map((s) => s.id)).toEqual(['s1', 's2']);
  });
});
