import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import type { SessionDto } from '@app/core/api/models/session-dto';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { AuthStore } from '@app/core/auth/auth-store';
import { buttonNamed, fieldLabelled, textOf, typeInto } from '@app/testing/dom';
import { aUser, signInAs } from '@app/testing/users';
import { CancelSessionData, CancelSessionDialog } from './cancel-session-dialog';

@Component({ template: '' })
class Host {}

const mentor = {
  id: 'm1',
  displayName: 'Dr. Amara Okafor',
  email: 'o@uni.example',
  role: 'mentor' as const,
  timeZone: 'Europe/London',
  bio: null,
};
const student = {
  id: 's1',
  displayName: 'Aisha Rahman',
  email: 'a@uni.example',
  role: 'student' as const,
  timeZone: 'Europe/London',
  bio: null,
};

function startingIn(hours: number): SessionDto {
  const start = new Date(Date.now() + hours * 3_600_000);
  return {
    id: 'x1',
    status: 'scheduled',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
    mentor,
    student,
    agenda: null,
    location: null,
    meetingUrl: null,
    cancelReason: null,
    cancelledAt: null,
    cancelledBy: null,
    countsTowardsQuota: true,
    requestId: null,
    sequence: 0,
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
  };
}

describe(CancelSessionDialog.name, () => {
  let http: HttpTestingController;
  let host: ComponentFixture<Host>;

  async function open(
    data: CancelSessionData,
  ): Promise<{ dialog: HTMLElement; closed: Promise<SessionDto | undefined> }> {
    const ref = TestBed.inject(MatDialog).open<CancelSessionDialog, CancelSessionData, SessionDto>(
      CancelSessionDialog,
      { data },
    );
    const dialog = await vi.waitFor(() => {
      const element = document.querySelector<HTMLElement>('pp-cancel-session-dialog');
      expect(element?.querySelector('label')).toBeTruthy();
      return element!;
    });
    return { dialog, closed: firstValueFrom(ref.afterClosed()) };
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
    await signInAs(TestBed.inject(AuthStore), http, aUser({ role: 'student' }));
    host = TestBed.createComponent(Host);
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    http.verify();
  });

  it('should warn a student cancelling within 24 hours that the session is not given back', async () => {
    const { dialog, closed } = await open({ session: startingIn(5), viewer: 'student' });
    expect(textOf(dialog, '.notice--warning')).toContain(
      'starts in less than 24 hours. If you cancel now, you do not get it back',
    );

    buttonNamed(dialog, 'Cancel anyway').click();
    await host.whenStable();
    http.expectNone('/api/v1/sessions/x1/cancel');

    typeInto(fieldLabelled(dialog, 'Reason'), ' I am ill. ');
    buttonNamed(dialog, 'Cancel anyway').click();
    const cancel = http.expectOne({ method: 'POST', url: '/api/v1/sessions/x1/cancel' });
    expect(cancel.request.body).toEqual({ reason: 'I am ill.' });
    cancel.flush({ ...startingIn(5), status: 'cancelled' });
    expect((await closed)?.status).toBe('cancelled');
  });

  it('should reassure a student cancelling early enough', async () => {
    const { dialog } = await open({ session: startingIn(48), viewer: 'student' });
    expect(dialog.querySelector('.notice--warning')).toBeNull();
    expect(textOf(dialog, '.notice')).toBe('You get this session back in your monthly allowance.');
    expect(buttonNamed(dialog, 'Cancel session')).toBeTruthy();
  });
});
