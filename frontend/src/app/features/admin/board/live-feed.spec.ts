import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { EVENT_SOURCE_FACTORY } from '@app/core/events/event-stream';
import { FakeEventSource } from '@app/testing/event-source';
import { LiveFeed, OversightEvent } from './live-feed';

describe(LiveFeed.name, () => {
  afterEach(() => vi.useRealTimers());

  it('should pass events on, then reconnect with a fresh ticket resuming after the last event', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
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
    const feed = TestBed.inject(LiveFeed);
    const http = TestBed.inject(HttpTestingController);
    const received: OversightEvent[] = [];

    feed.start((event) => received.push(event));
    expect(feed.status()).toBe('connecting');
    http.expectOne('/api/v1/events/ticket').flush({ ticket: 't1', expiresIn: 60 });
    const first = await vi.waitFor(() => {
      expect(FakeEventSource.opened).toHaveLength(1);
      return FakeEventSource.opened[0];
    });
    first.onopen?.();
    expect(feed.status()).toBe('live');

    const event = {
      type: 'session.scheduled',
      at: 'x',
      actorId: null,
      subject: { type: 'session', id: 's1' },
      state: { id: 's1', status: 'scheduled', mentorId: 'm', studentId: 's' },
    };
    first.push('session.scheduled', event, '17');
    expect(received).toEqual([event]);

    first.fail();
    expect(first.closed).toBe(true);
    expect(feed.status()).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(1_000);
    http.expectOne('/api/v1/events/ticket').flush({ ticket: 't2', expiresIn: 60 });
    await vi.waitFor(() => expect(FakeEventSource.opened).toHaveLength(2));
    expect(FakeEventSource.opened[1].url).toBe('/api/v1/events?ticket=t2&lastEventId=17');
    feed.stop();
  });
});
