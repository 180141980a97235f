import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { NotificationDto } from '@app/core/api/models/notification-dto';
import { aNotification, FakeEventSource } from '@app/testing/event-source';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { EVENT_SOURCE_FACTORY } from '@app/core/events/event-stream';
import { NotificationStore } from './notification-store';

describe(NotificationStore.name, () => {
  let store: NotificationStore;
  let http: HttpTestingController;

  beforeEach(() => {
    FakeEventSource.opened = [];
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        {
          provide: EVENT_SOURCE_FACTORY,
          useValue: (url: string) => new FakeEventSource(url) as unknown as EventSource,
        },
      ],
    });
    store = TestBed.inject(NotificationStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    store.stop();
    vi.useRealTimers();
  });

  async function startWith(unreadCount: number, items: NotificationDto[] = []): Promise<FakeEventSource> {
    store.start();
    http.expectOne((r) => r.url === '/api/v1/me/notifications').flush({ items, nextCursor: null, unreadCount });
    http.expectOne('/api/v1/events/ticket').flush({ ticket: 'ticket-1', expiresIn: 60 });
    return vi.waitFor(() => {
      expect(FakeEventSource.opened).toHaveLength(1);
      return FakeEventSource.opened[0];
    });
  }

  it('should count a notification pushed live as unread and list it first', async () => {
    const stream = await startWith(2, [aNotification({ id: 'old', read: true })]);
    expect(stream.url).toBe('/api/v1/events?ticket=ticket-1');
    await vi.waitFor(() => expect(store.unreadCount()).toBe(2));

    stream.push('notification', aNotification({ id: 'new' }), '41');

    expect(store.unreadCount()).toBe(3);
    expect(store.items().map((n) => n.id)).toEqual(['new', 'old']);
    expect(store.lastArrival()?.id).toBe('new');
  });

  it('should not count the same notification twice', async () => {
    const stream = await startWith(0);
    stream.push('notification', aNotification(), '41');
    stream.push('notification', aNotification(), '41');
    expect(store.unreadCount()).toBe(1);
  });

  it('should reconnect with a fresh ticket after an error, resuming after the last event seen', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const first = await startWith(0);
    first.push('notification', aNotification(), '41');

    first.fail();
    expect(first.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);

    http.expectOne('/api/v1/events/ticket').flush({ ticket: 'ticket-2', expiresIn: 60 });
    await vi.waitFor(() => expect(FakeEventSource.opened).toHaveLength(2));
    expect(FakeEventSource.opened[1].url).toBe('/api/v1/events?ticket=ticket-2&lastEventId=41');
  });

  it('should wait the longest delay before reconnecting when other tabs hold too many streams', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const first = await startWith(0);

    first.push('stream.closed', { reason: 'too-many-streams' }, '');
    first.fail();
    await vi.advanceTimersByTimeAsync(29_000);
    http.expectNone('/api/v1/events/ticket');
    await vi.advanceTimersByTimeAsync(1_000);
    http.expectOne('/api/v1/events/ticket').flush({ ticket: 'ticket-2', expiresIn: 60 });
    await vi.waitFor(() => expect(FakeEventSource.opened).toHaveLength(2));
  });

  it('should mark one read, then all read, keeping the server’s count', async () => {
    await startWith(2, [aNotification({ id: 'a' }), aNotification({ id: 'b' })]);
    await vi.waitFor(() => expect(store.items()).toHaveLength(2));

    const one = store.markRead(store.items()[0]);
    expect(store.unreadCount()).toBe(1);
    const request = http.expectOne('/api/v1/me/notifications/read');
    expect(request.request.body).toEqual({ ids: ['a'] });
    request.flush({ unreadCount: 1 });
    await one;

    const all = store.markAllRead();
    const allRequest = http.expectOne('/api/v1/me/notifications/read');
    expect(allRequest.request.body).toEqual({ all: true });
    allRequest.flush({ unreadCount: 0 });
    await all;
    expect(store.unreadCount()).toBe(0);
    expect(store.items().every((n) => n.read)).toBe(true);
  });
});
