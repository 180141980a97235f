import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { AuthStore } from '@app/core/auth/auth-store';
import { aUser, signInAs } from '@app/testing/users';
import { NotificationBell } from './notification-bell';
import { aNotification, FakeEventSource } from '@app/testing/event-source';
import { EVENT_SOURCE_FACTORY } from '@app/core/events/event-stream';

describe(NotificationBell.name, () => {
  let fixture: ComponentFixture<NotificationBell>;
  let http: HttpTestingController;
  let element: HTMLElement;

  beforeEach(async () => {
    FakeEventSource.opened = [];
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'student', children: [{ path: 'sessions/:id', children: [] }] }]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        {
          provide: EVENT_SOURCE_FACTORY,
          useValue: (url: string) => new FakeEventSource(url) as unknown as EventSource,
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await signInAs(TestBed.inject(AuthStore), http, aUser({ role: 'student' }));

    fixture = TestBed.createComponent(NotificationBell);
    element = fixture.nativeElement;
    http.expectOne((r) => r.url === '/api/v1/me/notifications').flush({ items: [], nextCursor: null, unreadCount: 0 });
    http.expectOne('/api/v1/events/ticket').flush({ ticket: 't', expiresIn: 60 });
    await vi.waitFor(() => expect(FakeEventSource.opened).toHaveLength(1));
    await fixture.whenStable();
  });

  afterEach(() => fixture.destroy());

  function bell(): HTMLButtonElement {
    return element.querySelector('button.pp-bell')!;
  }

  it('should show the unread count when a notification is pushed', async () => {
    expect(bell().getAttribute('aria-label')).toBe('Notifications');
    expect(element.querySelector('.pp-bell__count')).toBeNull();

    FakeEventSource.opened[0].push('notification', aNotification(), '7');
    await fixture.whenStable();

    expect(bell().getAttribute('aria-label')).toBe('Notifications, 1 unread');
    expect(element.querySelector('.pp-bell__count')?.textContent?.trim()).toBe('1');
  });

  it('should mark a notification read and open its page', async () => {
    FakeEventSource.opened[0].push('notification', aNotification({ id: 'n9', link: '/student/sessions/x1' }), '8');
    await fixture.whenStable();
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);

    bell().click();
    await fixture.whenStable();
    const item = document.querySelector<HTMLButtonElement>('.pp-notification');
    expect(item?.textContent).toContain('Session with Dr. Amara Okafor scheduled');
    item!.click();

    const read = http.expectOne('/api/v1/me/notifications/read');
    expect(read.request.body).toEqual({ ids: ['n9'] });
    read.flush({ unreadCount: 0 });
    expect(navigate).toHaveBeenCalledWith('/student/sessions/x1');
    await fixture.whenStable();
    expect(bell().getAttribute('aria-label')).toBe('Notifications');
  });

  it('should close the stream when the bell goes away (signing out)', () => {
    fixture.destroy();
    expect(FakeEventSource.opened[0].closed).toBe(true);
  });
});
