import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog, MatDialogRef } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import type { MentoringRequestDto } from '@app/core/api/models/mentoring-request-dto';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { AuthStore } from '@app/core/auth/auth-store';
import { buttonNamed, fieldLabelled, textOf, typeInto } from '@app/testing/dom';
import { aUser, signInAs } from '@app/testing/users';
import { ScheduleDialog, ScheduleDialogData, ScheduleResult } from './schedule-dialog';

@Component({ template: '' })
class Host {}

const student = {
  id: 's1',
  displayName: 'Aisha Rahman',
  email: 'aisha@uni.example',
  role: 'student' as const,
  timeZone: 'Europe/London',
  bio: null,
};
const mentor = {
  id: 'm1',
  displayName: 'Dr. Amara Okafor',
  email: 'okafor@uni.example',
  role: 'mentor' as const,
  timeZone: 'Europe/London',
  bio: null,
};

const request: MentoringRequestDto = {
  id: 'r1',
  status: 'pending',
  topic: 'Internship interviews',
  message: 'Could we talk?',
  preferredTimes: ['Tuesday afternoons'],
  student,
  mentor,
  declineReason: null,
  sessionId: null,
  expiresAt: '2030-01-08T10:00:00.000Z',
  answeredAt: null,
  createdAt: '2030-01-01T10:00:00.000Z',
  updatedAt: '2030-01-01T10:00:00.000Z',
};

describe(ScheduleDialog.name, () => {
  let http: HttpTestingController;
  let host: ComponentFixture<Host>;
  let dialog: HTMLElement;
  let ref: MatDialogRef<ScheduleDialog, ScheduleResult>;

  async function open(data: ScheduleDialogData): Promise<void> {
    ref = TestBed.inject(MatDialog).open<ScheduleDialog, ScheduleDialogData, ScheduleResult>(ScheduleDialog, { data });
    await vi.waitFor(() => expect(document.querySelector('pp-schedule-dialog form')).not.toBeNull());
    dialog = document.querySelector('pp-schedule-dialog')!;
    http.expectOne((r) => r.url === '/api/v1/sessions' && r.method === 'GET').flush({ items: [], nextCursor: null });
    await host.whenStable();
  }

  function chooseTime(date: string, time: string): void {
    typeInto(fieldLabelled(dialog, 'Date'), date);
    typeInto(fieldLabelled(dialog, 'Start time'), time);
  }

  function accept(): TestRequest {
    buttonNamed(dialog, 'Accept and schedule').click();
    return http.expectOne({ method: 'POST', url: '/api/v1/mentoring-requests/r1/accept' });
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
    await signInAs(TestBed.inject(AuthStore), http, aUser({ role: 'mentor', timeZone: 'Europe/London' }));
    host = TestBed.createComponent(Host);
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
  });

  it('should send the time entered in the mentor’s zone as UTC instants and close with the session', async () => {
    await open({ mode: 'accept', request });
    expect(dialog.textContent).toContain('Tuesday afternoons');
    chooseTime('2030-07-02', '14:30');
    http.match((r) => r.url === '/api/v1/sessions').forEach((r) => r.flush({ items: [], nextCursor: null }));

    const closed = firstValueFrom(ref.afterClosed());
    const post = accept();
    expect(post.request.body).toEqual({
      startsAt: '2030-07-02T13:30:00.000Z',
      endsAt: '2030-07-02T14:30:00.000Z',
      location: null,
      meetingUrl: null,
      agenda: 'Internship interviews',
    });
    post.flush({ request: { ...request, status: 'accepted' }, sessionId: 'x1' });
    expect(await closed).toEqual({ sessionId: 'x1' });
  });

  it('should explain a clash in plain words and stay open', async () => {
    await open({ mode: 'accept', request });
    chooseTime('2030-01-15', '10:00');
    http.match((r) => r.url === '/api/v1/sessions').forEach((r) => r.flush({ items: [], nextCursor: null }));
    const close = vi.spyOn(ref, 'close');

    accept().flush(
      {
        code: 'SCHEDULE_CONFLICT',
        status: 409,
        detail: 'The student already has a session from 2030-01-15T09:30:00.000Z to 2030-01-15T10:30:00.000Z.',
        conflict: { party: 'student', startsAt: '2030-01-15T09:30:00.000Z', endsAt: '2030-01-15T10:30:00.000Z' },
      },
      { status: 409, statusText: 'Conflict' },
    );
    await host.whenStable();

    expect(textOf(dialog, '[role=alert]')).toBe(
      'Aisha Rahman already has another session then (Tue 15 Jan 2030, 09:30–10:30 GMT). Choose another time.',
    );
    expect(close).not.toHaveBeenCalled();
    expect(document.querySelector('pp-schedule-dialog')).not.toBeNull();
  });

  it('should explain that the student’s month is full, and from when a date works', async () => {
    await open({ mode: 'accept', request });
    accept().flush(
      { code: 'MONTHLY_QUOTA_EXCEEDED', status: 429, month: '2030-01', limit: 4, resetsAt: '2030-02-01T00:00:00.000Z' },
      { status: 429, statusText: 'Too Many Requests' },
    );
    await host.whenStable();

    expect(textOf(dialog, '[role=alert]')).toBe(
      'Aisha Rahman has already used all 4 sessions allowed in January. Their allowance starts again on 1 February, so a date from then on works. They can also cancel another session to free one.',
    );
    expect(buttonNamed(dialog, 'Accept and schedule').disabled).toBe(false);
  });

  it('should warn about the mentor’s own session that day before saving', async () => {
    ref = TestBed.inject(MatDialog).open<ScheduleDialog, ScheduleDialogData, ScheduleResult>(ScheduleDialog, {
      data: { mode: 'create', students: [student], studentId: 's1', startsAt: new Date('2030-01-15T10:00:00Z') },
    });
    await vi.waitFor(() => expect(document.querySelector('pp-schedule-dialog form')).not.toBeNull());
    dialog = document.querySelector('pp-schedule-dialog')!;
    const day = http.expectOne((r) => r.url === '/api/v1/sessions');
    expect(day.request.params.get('from')).toBe('2030-01-15T00:00:00.000Z');
    expect(day.request.params.get('to')).toBe('2030-01-16T00:00:00.000Z');
    day.flush({
      items: [
        {
          id: 'other',
          status: 'scheduled',
          startsAt: '2030-01-15T10:30:00.000Z',
          endsAt: '2030-01-15T11:30:00.000Z',
          student: { ...student, displayName: 'Ben Carter' },
          mentor,
        },
      ],
      nextCursor: null,
    });
    await host.whenStable();

    expect(dialog.textContent).toContain('This overlaps your session with Ben Carter (10:30–11:30)');
  });
});
