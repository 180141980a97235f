import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MentoringRequestDto } from '@app/core/api/models/mentoring-request-dto';
import type { QuotaDto } from '@app/core/api/models/quota-dto';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { AuthStore } from '@app/core/auth/auth-store';
import { buttonNamed, fieldLabelled, textOf, typeInto } from '@app/testing/dom';
import { aUser, signInAs } from '@app/testing/users';
import { settle } from '@app/testing/settle';
import { StudentDashboard } from './student-dashboard';

describe(StudentDashboard.name, () => {
  let fixture: ComponentFixture<StudentDashboard>;
  let http: HttpTestingController;
  let element: HTMLElement;

  const mentor = {
    id: '00000000-0000-4000-8000-0000000000m1',
    displayName: 'Dr. Amara Okafor',
    email: 'okafor@uni.example',
    role: 'mentor' as const,
    timeZone: 'Europe/London',
    bio: 'Academic mentor — computer science.',
  };
  const student = {
    id: 's1',
    displayName: 'Aisha Rahman',
    email: 'aisha@uni.example',
    role: 'student' as const,
    timeZone: 'Europe/London',
    bio: null,
  };
  const quota: QuotaDto = { month: '2026-11', limit: 4, used: 2, remaining: 2, resetsAt: '2026-12-01T00:00:00.000Z' };
  const pending: MentoringRequestDto = {
    id: 'r1',
    status: 'pending',
    topic: 'Internship interviews',
    message: 'Could we talk?',
    preferredTimes: [],
    student,
    mentor,
    declineReason: null,
    sessionId: null,
    expiresAt: '2099-12-04T10:00:00.000Z',
    answeredAt: null,
    createdAt: '2026-11-27T10:00:00.000Z',
    updatedAt: '2026-11-27T10:00:00.000Z',
  };

  async function answer(
    options: { mentors?: unknown[]; quota?: QuotaDto; requests?: MentoringRequestDto[] } = {},
  ): Promise<void> {
    http.expectOne('/api/v1/me/mentors').flush(options.mentors ?? [{ assignmentId: 'a1', mentor }]);
    http.expectOne('/api/v1/me/quota').flush(options.quota ?? quota);
    http
      .expectOne((r) => r.url === '/api/v1/mentoring-requests')
      .flush({ items: options.requests ?? [], nextCursor: null });
    for (const request of http.match((r) => r.url === '/api/v1/sessions'))
      request.flush({ items: [], nextCursor: null });
    // The calendar link is part of the page that appears once every section has loaded.
    (await vi.waitFor(() => http.expectOne('/api/v1/me/calendar-feed'))).flush({
      url: 'http://127.0.0.1/api/v1/calendar/secret.ics',
    });
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await signInAs(
      TestBed.inject(AuthStore),
      http,
      aUser({ role: 'student', displayName: 'Aisha Rahman', timeZone: 'Europe/London' }),
    );
    fixture = TestBed.createComponent(StudentDashboard);
    element = fixture.nativeElement;
    await settle();
  });

  afterEach(() => http.verify());

  const headings = () => Array.from(element.querySelectorAll('h2'), (h) => h.textContent?.trim());
  const placeholders = () =>
    Array.from(element.querySelectorAll('pp-loading [role=status] p'), (p) => p.textContent?.trim());

  it('should keep one placeholder until every section has loaded, then show them all at once', async () => {
    expect(placeholders()).toEqual(['Loading your dashboard…']);

    // Everything but the sessions: still no section, so none can be pushed down when the sessions arrive.
    http.expectOne('/api/v1/me/mentors').flush([{ assignmentId: 'a1', mentor }]);
    http.expectOne('/api/v1/me/quota').flush(quota);
    http.expectOne((r) => r.url === '/api/v1/mentoring-requests').flush({ items: [], nextCursor: null });
    await settle();
    expect(placeholders()).toEqual(['Loading your dashboard…']);
    expect(element.querySelector('section')).toBeNull();
    expect(element.querySelector('pp-calendar-feed-link')).toBeNull();

    for (const request of http.match((r) => r.url === '/api/v1/sessions'))
      request.flush({ items: [], nextCursor: null });
    (await vi.waitFor(() => http.expectOne('/api/v1/me/calendar-feed'))).flush({
      url: 'http://127.0.0.1/api/v1/calendar/secret.ics',
    });

    await vi.waitFor(() => expect(placeholders()).toEqual([]));
    expect(headings()).toEqual([
      'Your sessions this month',
      'Ask for a session',
      'Upcoming sessions',
      'My mentors',
      'Past sessions',
      'Your requests',
      'Add your sessions to your own calendar',
    ]);
  });

  it('should show a section that could not load next to the others, with a way to try again', async () => {
    http.expectOne('/api/v1/me/mentors').flush([{ assignmentId: 'a1', mentor }]);
    http
      .expectOne('/api/v1/me/quota')
      .flush({ status: 500, title: 'Internal Server Error' }, { status: 500, statusText: 'Internal Server Error' });
    http.expectOne((r) => r.url === '/api/v1/mentoring-requests').flush({ items: [], nextCursor: null });
    for (const request of http.match((r) => r.url === '/api/v1/sessions'))
      request.flush({ items: [], nextCursor: null });
    (await vi.waitFor(() => http.expectOne('/api/v1/me/calendar-feed'))).flush({
      url: 'http://127.0.0.1/api/v1/calendar/secret.ics',
    });

    await vi.waitFor(() =>
      expect(textOf(element, '[aria-labelledby=quota-heading] pp-load-error p')).toContain(
        'Your allowance could not be loaded.',
      ),
    );
    expect(element.querySelector('pp-request-form')).not.toBeNull();

    buttonNamed(element, 'Try again').click();
    (await vi.waitFor(() => http.expectOne('/api/v1/me/quota'))).flush(quota);
    await vi.waitFor(() =>
      expect(textOf(element, 'pp-quota-meter .sentence')).toBe('2 of 4 sessions left in November — resets 1 December'),
    );
  });

  it('should show each assigned mentor with how to reach them', async () => {
    expect(element.querySelector('pp-loading')).not.toBeNull();
    await answer();

    await vi.waitFor(() => expect(textOf(element, 'pp-person-card h3')).toBe('Dr. Amara Okafor'));
    expect(element.querySelector<HTMLAnchorElement>('pp-person-card a')?.href).toBe('mailto:okafor@uni.example');
  });

  it('should explain what happens when no mentor is assigned yet', async () => {
    await answer({ mentors: [] });
    await vi.waitFor(() =>
      expect(textOf(element, '[aria-labelledby=mentors-heading] pp-empty-state h3')).toBe('No mentor yet'),
    );
    expect(element.textContent).toContain(
      'You can ask for a session once your programme coordinator has matched you with a mentor.',
    );
  });

  it('should show the quota meter in words', async () => {
    await answer();
    await vi.waitFor(() =>
      expect(textOf(element, 'pp-quota-meter .sentence')).toBe('2 of 4 sessions left in November — resets 1 December'),
    );
  });

  it('should replace the form by the pending request, saying why no new one is possible', async () => {
    await answer({ requests: [pending] });

    await vi.waitFor(() => expect(element.querySelector('pp-pending-request')).not.toBeNull());
    expect(element.querySelector('pp-request-form')).toBeNull();
    expect(textOf(element, 'pp-pending-request .why')).toBe(
      'You can send a new request once Dr. Amara Okafor answers, or on 4 Dec when this one expires.',
    );
    expect(buttonNamed(element, 'Withdraw request')).toBeTruthy();
  });

  it('should send a request and then show it as pending', async () => {
    await answer();
    await vi.waitFor(() => expect(element.querySelector('pp-request-form form')).not.toBeNull());
    typeInto(fieldLabelled(element, 'Topic'), 'Internship interviews');
    typeInto(fieldLabelled(element, 'Message'), 'Could we talk?');
    typeInto(fieldLabelled(element, 'Time 1'), 'Tuesday afternoons');
    buttonNamed(element, 'Send request').click();

    const post = http.expectOne({ method: 'POST', url: '/api/v1/mentoring-requests' });
    expect(post.request.body).toEqual({
      mentorId: mentor.id,
      topic: 'Internship interviews',
      message: 'Could we talk?',
      preferredTimes: ['Tuesday afternoons'],
    });
    post.flush(pending, { status: 201, statusText: 'Created' });

    await vi.waitFor(() => expect(element.querySelector('pp-pending-request')).not.toBeNull());
    expect(textOf(element, '[role=status].notice')).toBe(
      'Request sent to Dr. Amara Okafor. You will get a notification when they answer.',
    );
  });

  it('should explain a refused second request and show the one that is pending', async () => {
    await answer();
    await vi.waitFor(() => expect(element.querySelector('pp-request-form form')).not.toBeNull());
    typeInto(fieldLabelled(element, 'Topic'), 'Second question');
    typeInto(fieldLabelled(element, 'Message'), 'And another thing');
    buttonNamed(element, 'Send request').click();

    http.expectOne({ method: 'POST', url: '/api/v1/mentoring-requests' }).flush(
      {
        code: 'REQUEST_ALREADY_PENDING',
        status: 409,
        pendingRequest: {
          id: 'r1',
          mentorId: mentor.id,
          mentorName: 'Dr. Amara Okafor',
          expiresAt: '2099-12-04T10:00:00.000Z',
        },
      },
      { status: 409, statusText: 'Conflict' },
    );
    (await vi.waitFor(() => http.expectOne('/api/v1/me/quota'))).flush(quota);
    http.expectOne((r) => r.url === '/api/v1/mentoring-requests').flush({ items: [pending], nextCursor: null });
    for (const request of http.match((r) => r.url === '/api/v1/sessions'))
      request.flush({ items: [], nextCursor: null });

    await vi.waitFor(() => expect(element.querySelector('pp-pending-request')).not.toBeNull());
    expect(textOf(element, '[role=status].notice')).toBe(
      'You already have a request waiting for Dr. Amara Okafor. You can send a new one once Dr. Amara Okafor answers, or on 4 Dec when it expires.',
    );
  });
});
