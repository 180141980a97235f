import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { NotificationStore } from '@app/core/notifications/notification-store';
import { LiveFeed, OversightEvent } from '@app/features/admin/board/live-feed';
import { aNotification, FakeEventSource } from '@app/testing/event-source';
import { EVENT_SOURCE_FACTORY, EventStream } from './event-stream';

describe(EventStream.name, () => {
  let http: HttpTestingController;

  beforeEach(() => {
    FakeEventSource.opened = [];
    TestBed.configureTestingModule({
      providers: [
        LiveFeed,
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        {
          provide: EVENT_SOURCE_FACTORY,
          useValue: (url: string) => new FakeEventSource(url) as unknown as EventSource,
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => vi.useRealTimers());

  const anEvent: OversightEvent = {
    type: 'session.scheduled',
    at: '2026-11-27T12:00:00.000Z',
    actorId: null,
    subject: { type: 'session', id: 's1' },
    state: { id: 's1', status: 'scheduled', mentorId: 'm', studentId: 's' },
  };

  it('should serve the notification bell and the live board with one connection', async () => {
    const store = TestBed.inject(NotificationStore);
    const feed = TestBed.inject(LiveFeed);
    const received: OversightEvent[] = [];

    store.start();
    http.expectOne((r) => r.url === '/api/v1/me/notifications').flush({ items: [], nextCursor: null, unreadCount: 0 });
    feed.start((event) => received.push(event));
    http.expectOne('/api/v1/events/ticket').flush({ ticket: 't1', expiresIn: 60 });
    const source = await vi.waitFor(() => {
      expect(FakeEventSource.opened).toHaveLength(1);
      return FakeEventSource.opened[0];
    });
    source.onopen?.();
    expect(feed.status()).toBe('live');

    source.push('notification', aNotification({ id: 'n1' }), '1');
    source.push('session.scheduled', anEvent, '2');
    expect(store.items().map((n) => n.id)).toEqual(['n1']);
    expect(received).toEqual([anEvent]);

    // Leaving the board keeps the bell's stream open; signing out closes it.
    feed.stop();
    expect(source.closed).toBe(false);
    source.push('notification', aNotification({ id: 'n2' }), '3');
    expect(store.items().map((n) => n.id)).toEqual(['n2', 'n1']);
    store.stop();
    expect(source.closed).toBe(true);
    http.expectNone('/api/v1/events/ticket');
    expect(FakeEventSource.opened).toHaveLength(1);
  });

  it('should let a board opened later listen on the connection already open', async () => {
    const store = TestBed.inject(NotificationStore);
    store.start();
    http.expectOne((r) => r.url === '/api/v1/me/notifications').flush({ items: [], nextCursor: null, unreadCount: 0 });
    http.expectOne('/api/v1/events/ticket').flush({ ticket: 't1', expiresIn: 60 });
    const source = await vi.waitFor(() => {
      expect(FakeEventSource.opened).toHaveLength(1);
      return FakeEventSource.opened[0];
    });

    const received: OversightEvent[] = [];
    const feed = TestBed.inject(LiveFeed);
    feed.start((event) => received.push(event));
    source.push('session.scheduled', anEvent, '2');

    expect(received).toEqual([anEvent]);
    http.expectNone('/api/v1/events/ticket');
    expect(FakeEventSource.opened).toHaveLength(1);
    feed.stop();
    store.stop();
  });

  it('should go offline after three failed attempts and back to live once an event arrives', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const stream = TestBed.inject(EventStream);
    const stop = stream.listen(['notification'], () => undefined);
    const failure = { status: 503, statusText: 'Service Unavailable' };

    http.expectOne('/api/v1/events/ticket').flush({ status: 503 }, failure);
    await vi.waitFor(() => expect(stream.status()).toBe('reconnecting'));
    await vi.advanceTimersByTimeAsync(1_000);
    http.expectOne('/api/v1/events/ticket').flush({ status: 503 }, failure);
    await vi.advanceTimersByTimeAsync(2_000);
    http.expectOne('/api/v1/events/ticket').flush({ status: 503 }, failure);
    await vi.waitFor(() => expect(stream.status()).toBe('offline'));

    await vi.advanceTimersByTimeAsync(4_000);
    http.expectOne('/api/v1/events/ticket').flush({ ticket: 't4', expiresIn: 60 });
    const source = await vi.waitFor(() => {
      expect(FakeEventSource.opened).toHaveLength(1);
      return FakeEventSource.opened[0];
    });
    source.push('notification', aNotification(), '9');
    expect(stream.status()).toBe('live');
    stop();
  });
});
