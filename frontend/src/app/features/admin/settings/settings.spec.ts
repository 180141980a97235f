import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { buttonNamed, fieldLabelled, typeInto } from '@app/testing/dom';
import { Settings, settingsForm } from './settings';

const ZONES = ['Europe/London', 'America/New_York', 'UTC'];
const VALID = {
  monthlySessionQuota: 4,
  requestExpiryDays: 7,
  cancellationWindowHours: 24,
  programmeTimeZone: 'Europe/London',
  mfaRequiredForAdmins: false,
};

describe('settingsForm', () => {
  it('should accept the limits the server accepts', () => {
    const form = settingsForm(ZONES);
    form.setValue(VALID);
    expect(form.valid).toBe(true);
    form.setValue({
      monthlySessionQuota: 31,
      requestExpiryDays: 60,
      cancellationWindowHours: 0,
      programmeTimeZone: 'UTC',
      mfaRequiredForAdmins: true,
    });
    expect(form.valid).toBe(true);
  });

  it('should refuse values out of range, fractions, empties and unknown zones', () => {
    const form = settingsForm(ZONES);
    form.setValue(VALID);
    form.controls.monthlySessionQuota.setValue(0);
    expect(form.controls.monthlySessionQuota.hasError('min')).toBe(true);
    form.controls.requestExpiryDays.setValue(61);
    expect(form.controls.requestExpiryDays.hasError('max')).toBe(true);
    form.controls.cancellationWindowHours.setValue(1.5);
    expect(form.controls.cancellationWindowHours.hasError('pattern')).toBe(true);
    form.controls.cancellationWindowHours.setValue(null);
    expect(form.controls.cancellationWindowHours.hasError('required')).toBe(true);
    form.controls.programmeTimeZone.setValue('Mars/Olympus');
    expect(form.controls.programmeTimeZone.hasError('unknownZone')).toBe(true);
  });
});

describe(Settings.name, () => {
  it('should not send invalid settings, then save valid ones and confirm', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(Settings);
    const element: HTMLElement = fixture.nativeElement;
    await fixture.whenStable();
    http.expectOne('/api/v1/admin/settings').flush(VALID);
    await vi.waitFor(() => expect(element.querySelector('form')).not.toBeNull());
    await fixture.whenStable();

    typeInto(fieldLabelled(element, 'Monthly session quota'), '40');
    buttonNamed(element, 'Save settings').click();
    await fixture.whenStable();
    http.expectNone('/api/v1/admin/settings');
    expect(element.textContent).toContain('Enter a whole number from 1 to 31.');

    typeInto(fieldLabelled(element, 'Monthly session quota'), '5');
    buttonNamed(element, 'Save settings').click();
    const put = http.expectOne((r) => r.method === 'PUT' && r.url === '/api/v1/admin/settings');
    expect(put.request.body).toEqual({ ...VALID, monthlySessionQuota: 5 });
    put.flush({ ...VALID, monthlySessionQuota: 5 });
    await vi.waitFor(() => expect(element.querySelector('[role="status"]')?.textContent).toContain('Settings saved.'));
    http.verify();
  });

  it('should switch on two-step sign-in for admins with the toggle', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(Settings);
    const element: HTMLElement = fixture.nativeElement;
    await fixture.whenStable();
    http.expectOne('/api/v1/admin/settings').flush(VALID);
    await vi.waitFor(() => expect(element.querySelector('form')).not.toBeNull());
    await fixture.whenStable();

    const toggle = element.querySelector<HTMLButtonElement>('mat-slide-toggle button[role="switch"]')!;
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    expect(element.textContent).toContain('Require two-step sign-in for admins');
    toggle.click();
    await fixture.whenStable();
    buttonNamed(element, 'Save settings').click();
    const put = http.expectOne((r) => r.method === 'PUT' && r.url === '/api/v1/admin/settings');
    expect(put.request.body).toEqual({ ...VALID, mfaRequiredForAdmins: true });
    put.flush({ ...VALID, mfaRequiredForAdmins: true });
    await vi.waitFor(() => expect(element.querySelector('[role="status"]')?.textContent).toContain('Settings saved.'));
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    http.verify();
  });
});
