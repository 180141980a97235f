import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import type { MentoringRequestDto } from '@app/core/api/models/mentoring-request-dto';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { AuthStore } from '@app/core/auth/auth-store';
import { buttonNamed, fieldLabelled, textOf, typeInto } from '@app/testing/dom';
import { aUser, signInAs } from '@app/testing/users';
import { settle } from '@app/testing/settle';
import { MentorDashboard } from './mentor-dashboard';

@Component({ template: '' })
class Host {}

const mentor = {
  id: 'm1',
  displayName: 'Dr. Amara Okafor',
  email: 'okafor@uni.example',
  role: 'mentor' as const,
  timeZone: 'Europe/London',
  bio: null,
};
const person = (id: string, displayName: string) => ({
  id,
  displayName,
  email: `${id}@uni.example`,
  role: 'student' as const,
  timeZone: 'Europe/London',
  bio: null,
});

function aRequest(
  id: string,
  student: string,
  createdAt: string,
  overrides: Partial<MentoringRequestDto> = {},
): MentoringRequestDto {
  return {
    id,
    status: 'pending',
    topic: `Topic of ${student}`,
    message: 'Could we talk?',
    preferredTimes: [],
    student: person(id, student),
    mentor,
    declineReason: null,
    sessionId: null,
    expiresAt: '2030-01-08T10:00:00.000Z',
    answeredAt: null,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

describe(MentorDashboard.name, () => {
  let fixture: ComponentFixture<MentorDashboard>;
  let http: HttpTestingController;
  let element: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await signInAs(TestBed.inject(AuthStore), http, aUser({ role: 'mentor', timeZone: 'Europe/London' }));
    TestBed.createComponent(Host);
    fixture = TestBed.createComponent(MentorDashboard);
    element = fixture.nativeElement;
    await settle();

    http.expectOne('/api/v1/me/students').flush([{ assignmentId: 'a1', student: person('s1', 'Aisha Rahman') }]);
    http
      .expectOne((r) => r.url === '/api/v1/mentoring-requests' && r.params.get('status') === 'pending')
      .flush({
        items: [
          aRequest('r2', 'Ben Carter', '2030-01-03T10:00:00.000Z'),
          aRequest('r1', 'Aisha Rahman', '2030-01-01T10:00:00.000Z'),
        ],
        nextCursor: null,
      });
    http
      .expectOne((r) => r.url === '/api/v1/mentoring-requests' && r.params.get('sort') === 'updated')
      .flush({
        items: [
          aRequest('r0', 'Chloé Martin', '2029-12-20T10:00:00.000Z', {
            status: 'declined',
            declineReason: 'Away that week.',
          }),
        ],
        nextCursor: null,
      });
    await settle();
    // The sessions are still on their way: one placeholder stands for the whole page, no section yet.
    expect(Array.from(element.querySelectorAll('pp-loading [role=status] p'), (p) => p.textContent?.trim())).toEqual([
      'Loading your dashboard…',
    ]);
    expect(element.querySelector('section')).toBeNull();

    http.expectOne((r) => r.url === '/api/v1/sessions').flush({ items: [], nextCursor: null });
    (await vi.waitFor(() => http.expectOne('/api/v1/me/calendar-feed'))).flush({
      url: 'http://127.0.0.1/api/v1/calendar/secret.ics',
    });
    await vi.waitFor(() => expect(element.querySelectorAll('pp-request-card')).toHaveLength(3));
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    http.verify();
  });

  it('should list waiting requests first, the longest-waiting at the top, then the answered ones', () => {
    const topics = Array.from(element.querySelectorAll('pp-request-card .topic a')).map((a) => a.textContent?.trim());
    expect(topics).toEqual(['“Topic of Aisha Rahman”', '“Topic of Ben Carter”', '“Topic of Chloé Martin”']);
    expect(textOf(element, '.section-heading .badge')).toBe('2 waiting');
    expect(element.querySelectorAll('pp-request-card')[2].textContent).toContain('Away that week.');
  });

  it('should decline with a reason and reload the inbox', async () => {
    buttonNamed(element.querySelector('pp-request-card')!, 'Decline').click();
    await vi.waitFor(() => expect(document.querySelector('pp-decline-dialog form')).not.toBeNull());
    const dialog = document.querySelector<HTMLElement>('pp-decline-dialog')!;
    typeInto(
      await vi.waitFor(() => fieldLabelled<HTMLTextAreaElement>(dialog, 'Reason (optional)')),
      ' I am away that week. ',
    );
    buttonNamed(dialog, 'Decline request').click();

    const decline = http.expectOne({ method: 'POST', url: '/api/v1/mentoring-requests/r1/decline' });
    expect(decline.request.body).toEqual({ reason: 'I am away that week.' });
    decline.flush(aRequest('r1', 'Aisha Rahman', '2030-01-01T10:00:00.000Z', { status: 'declined' }));

    await vi
      .waitFor(() =>
        http.expectOne((r) => r.url === '/api/v1/mentoring-requests' && r.params.get('status') === 'pending'),
      )
      .then((r) => r.flush({ items: [], nextCursor: null }));
    http
      .expectOne((r) => r.url === '/api/v1/mentoring-requests' && r.params.get('sort') === 'updated')
      .flush({ items: [], nextCursor: null });
    http.expectOne((r) => r.url === '/api/v1/sessions').flush({ items: [], nextCursor: null });
    await vi.waitFor(() => expect(element.textContent).toContain('No requests are waiting for you.'));
  });
});
