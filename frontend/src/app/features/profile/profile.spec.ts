import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { UserDto } from '@app/core/api/models/user-dto';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { AuthStore, PASSWORD_CHANGED_NOTICE } from '@app/core/auth/auth-store';
import { buttonNamed, fieldLabelled, textOf, typeInto } from '@app/testing/dom';
import { aUser, signInAs } from '@app/testing/users';
import { Profile } from './profile';

describe(Profile.name, () => {
  let fixture: ComponentFixture<Profile>;
  let http: HttpTestingController;
  let element: HTMLElement;
  let store: AuthStore;
  let me: UserDto;

  function problem(status: number, body: object) {
    return [
      body,
      { status, statusText: 'Bad Request', headers: { 'content-type': 'application/problem+json' } },
    ] as const;
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
    store = TestBed.inject(AuthStore);
    me = aUser({ email: 'ada.lovelace@uni.example', displayName: 'Ada', timeZone: 'Europe/London', bio: null });
    await signInAs(store, http, me);

    fixture = TestBed.createComponent(Profile);
    element = fixture.nativeElement;
    await fixture.whenStable();
    http.expectOne({ method: 'GET', url: '/api/v1/me' }).flush(me);
    await vi.waitFor(() => expect(element.querySelector('pp-profile-details form')).not.toBeNull());
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  describe('details', () => {
    it('should show the saved details', () => {
      expect(fieldLabelled(element, 'Display name').value).toBe('Ada');
      expect(fieldLabelled(element, 'Time zone').value).toBe('Europe/London');
      expect(fieldLabelled<HTMLTextAreaElement>(element, 'About you').value).toBe('');
      expect(element.textContent).toContain('Signed in as ada.lovelace@uni.example');
    });

    it('should save the details, confirm it and update the signed-in name', async () => {
      typeInto(fieldLabelled(element, 'Display name'), '  Ada L.  ');
      typeInto(fieldLabelled(element, 'Time zone'), 'America/New_York');
      typeInto(fieldLabelled<HTMLTextAreaElement>(element, 'About you'), 'Maths, second year.');
      buttonNamed(element, 'Save profile').click();
      await fixture.whenStable();

      const request = http.expectOne({ method: 'PATCH', url: '/api/v1/me' });
      expect(request.request.body).toEqual({
        displayName: 'Ada L.',
        timeZone: 'America/New_York',
        bio: 'Maths, second year.',
      });
      request.flush({ ...me, displayName: 'Ada L.', timeZone: 'America/New_York', bio: 'Maths, second year.' });

      await vi.waitFor(() =>
        expect(textOf(element, 'pp-profile-details [role=status]')).toBe('Your profile is saved.'),
      );
      expect(store.user()?.displayName).toBe('Ada L.');
      expect(store.user()?.timeZone).toBe('America/New_York');
    });

    it('should send an empty bio as null', async () => {
      buttonNamed(element, 'Save profile').click();
      await fixture.whenStable();

      expect(http.expectOne({ method: 'PATCH', url: '/api/v1/me' }).request.body).toEqual({
        displayName: 'Ada',
        timeZone: 'Europe/London',
        bio: null,
      });
    });

    it('should only accept a time zone from the list', async () => {
      typeInto(fieldLabelled(element, 'Time zone'), 'Atlantis/Capital');
      buttonNamed(element, 'Save profile').click();
      await fixture.whenStable();

      expect(textOf(element, 'pp-profile-details mat-error')).toBe('Choose a time zone from the list.');
      http.expectNone({ method: 'PATCH', url: '/api/v1/me' });
    });

    it('should offer the matching time zones while typing', async () => {
      const zone = fieldLabelled(element, 'Time zone');
      zone.focus();
      typeInto(zone, 'new york');
      zone.dispatchEvent(new Event('focusin'));
      await fixture.whenStable();

      const options = Array.from(document.querySelectorAll('mat-option')).map((o) => o.textContent?.trim());
      expect(options).toEqual(['America/New_York']);
    });
  });

  describe('password', () => {
    async function changePassword(current: string, next: string, confirm = next): Promise<void> {
      typeInto(fieldLabelled(element, 'Current password'), current);
      typeInto(fieldLabelled(element, 'New password'), next);
      typeInto(fieldLabelled(element, 'Confirm new password'), confirm);
      buttonNamed(element, 'Change password').click();
      await fixture.whenStable();
    }

    it('should change the password, then send the user to sign in again with a message', async () => {
      const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
      await changePassword('the old passphrase', 'a brand new passphrase');

      const request = http.expectOne({ method: 'POST', url: '/api/v1/me/password' });
      expect(request.request.body).toEqual({
        currentPassword: 'the old passphrase',
        newPassword: 'a brand new passphrase',
      });
      request.flush(null, { status: 204, statusText: 'No Content' });

      await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith('/sign-in'));
      expect(store.isSignedIn()).toBe(false);
      expect(store.accessToken()).toBeNull();
      expect(store.notice()).toBe(PASSWORD_CHANGED_NOTICE);
    });

    it('should say so beside the field when the current password is wrong', async () => {
      await changePassword('not my password', 'a brand new passphrase');

      http.expectOne({ method: 'POST', url: '/api/v1/me/password' }).flush(
        ...problem(400, {
          status: 400,
          code: 'VALIDATION_FAILED',
          errors: [{ field: 'currentPassword', message: 'currentPassword is not your current password' }],
        }),
      );

      await vi.waitFor(() =>
        expect(textOf(element, 'pp-change-password mat-error')).toBe('This is not your current password.'),
      );
      expect(store.isSignedIn()).toBe(true);
    });

    it('should not send a new password that contains the email name', async () => {
      await changePassword('the old passphrase', 'ada.lovelace-rules-2026');

      const emailRule = Array.from(element.querySelectorAll('pp-password-rules li')).find((li) =>
        li.textContent?.includes('from your email'),
      );
      expect(emailRule?.textContent).toContain('Does not contain “ada.lovelace” from your email address');
      expect(emailRule?.textContent).toContain('(not yet)');
      http.expectNone({ method: 'POST', url: '/api/v1/me/password' });
    });
  });
});
