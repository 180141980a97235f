import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideRouter } from '@angular/router';
import type { UserDto } from '@app/core/api/models/user-dto';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { AuthStore } from '@app/core/auth/auth-store';
import { buttonNamed, fieldLabelled, textOf, typeInto, visibleText } from '@app/testing/dom';
import { aUser, signInAs } from '@app/testing/users';
import { SEARCH_DEBOUNCE_MS, Users, USERS_PAGE_SIZE } from './users';

describe(Users.name, () => {
  let fixture: ComponentFixture<Users>;
  let http: HttpTestingController;
  let element: HTMLElement;

  const ada = aUser({
    displayName: 'Ada Lovelace',
    email: 'ada@uni.example',
    role: 'student',
    invitationPending: true,
  });
  const mei = aUser({ displayName: 'Dr. Mei Chen', email: 'mei@uni.example', role: 'mentor', mentorCapacity: 8 });
  const ben = aUser({
    displayName: 'Ben Carter',
    email: 'ben@uni.example',
    role: 'student',
    active: false,
    quotaOverride: 2,
  });

  function listRequest(): TestRequest {
    return http.expectOne((request) => request.method === 'GET' && request.url === '/api/v1/admin/users');
  }

  function rows(): string[][] {
    return Array.from(element.querySelectorAll('tr.mat-mdc-row')).map((row) =>
      Array.from(row.querySelectorAll('td')).map((cell) => visibleText(cell)),
    );
  }

  async function answer(request: TestRequest, items: UserDto[], nextCursor: string | null = null): Promise<void> {
    request.flush({ items, nextCursor });
    await vi.waitFor(() => expect(element.querySelector('pp-loading')).toBeNull());
    await fixture.whenStable();
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
    await signInAs(TestBed.inject(AuthStore), http, aUser({ role: 'admin', displayName: 'Programme Admin' }));

    fixture = TestBed.createComponent(Users);
    element = fixture.nativeElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('should list the first page of users with their role, status and limits', async () => {
    const request = listRequest();
    expect(request.request.params.keys()).toEqual(['limit']);
    expect(request.request.params.get('limit')).toBe(String(USERS_PAGE_SIZE));
    await answer(request, [ada, mei, ben]);

    expect(rows()).toEqual([
      ['Ada Lovelace ada@uni.example', 'Student', 'Active Invitation pending', 'Programme quota', 'Actions'],
      ['Dr. Mei Chen mei@uni.example', 'Mentor', 'Active', 'Up to 8 students', 'Actions'],
      ['Ben Carter ben@uni.example', 'Student', 'Deactivated', '2 sessions a month', 'Actions'],
    ]);
    expect(element.querySelector('tr.mat-mdc-row button[aria-haspopup]')?.textContent).toContain(
      'Actions for Ada Lovelace',
    );
    expect(textOf(element, 'p.summary')).toBe('Showing 3 users.');
  });

  it('should search by name or email after the user stops typing', async () => {
    await answer(listRequest(), [ada, mei, ben]);

    typeInto(fieldLabelled(element, 'Search by name or email'), 'ad');
    typeInto(fieldLabelled(element, 'Search by name or email'), ' ada ');
    http.expectNone((request) => request.url === '/api/v1/admin/users');

    await new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS + 50));
    const request = listRequest();
    expect(request.request.params.get('search')).toBe('ada');
    expect(request.request.params.has('cursor')).toBe(false);
    await answer(request, [ada]);

    expect(rows().map((row) => row[0])).toEqual(['Ada Lovelace ada@uni.example']);
  });

  it('should filter by role and status', async () => {
    await answer(listRequest(), [ada, mei, ben]);
    const loader = TestbedHarnessEnvironment.loader(fixture);

    await (
      await loader.getHarness(MatSelectHarness.with({ selector: '[formControlName=role]' }))
    ).clickOptions({ text: 'Mentor' });
    const byRole = listRequest();
    expect(byRole.request.params.get('role')).toBe('mentor');
    await answer(byRole, [mei]);

    await (
      await loader.getHarness(MatSelectHarness.with({ selector: '[formControlName=active]' }))
    ).clickOptions({ text: 'Deactivated only' });
    const byStatus = listRequest();
    expect(byStatus.request.params.get('role')).toBe('mentor');
    expect(byStatus.request.params.get('active')).toBe('false');
    await answer(byStatus, []);

    expect(textOf(element, '.no-data')).toContain('Nobody matches.');
  });

  it('should load the next page with the cursor and append it', async () => {
    await answer(listRequest(), [ada, mei], 'cursor-after-mei');
    expect(textOf(element, 'p.summary')).toBe('Showing the first 2 users; more are available.');

    buttonNamed(element, 'Load more users').click();
    const next = listRequest();
    expect(next.request.params.get('cursor')).toBe('cursor-after-mei');
    next.flush({ items: [ben], nextCursor: null });
    await vi.waitFor(() => expect(rows()).toHaveLength(3));
    await fixture.whenStable();

    expect(() => buttonNamed(element, 'Load more users')).toThrow();
    expect(textOf(element, 'p.summary')).toBe('Showing 3 users.');
  });

  it('should offer to try again when the list cannot load', async () => {
    listRequest().flush(
      { status: 500, code: 'INTERNAL_ERROR', detail: 'The service could not complete the request.' },
      {
        status: 500,
        statusText: 'Server Error',
      },
    );
    await vi.waitFor(() =>
      expect(textOf(element, '[role=alert]')).toContain('The service could not complete the request.'),
    );

    buttonNamed(element, 'Try again').click();
    await answer(listRequest(), [ada]);
    expect(rows()).toHaveLength(1);
  });

  it('should deactivate a user after confirmation and show it in the row', async () => {
    await answer(listRequest(), [ada, mei]);

    (element.querySelector('tr.mat-mdc-row button[aria-haspopup]') as HTMLButtonElement).click();
    await fixture.whenStable();
    buttonNamed(document.body, 'Deactivate').click();
    await vi.waitFor(() =>
      expect(document.querySelector('pp-confirm-dialog h2')?.textContent).toBe('Deactivate Ada Lovelace?'),
    );
    await fixture.whenStable();
    buttonNamed(document.querySelector('pp-confirm-dialog')!, 'Deactivate').click();

    const request = await vi.waitFor(() => http.expectOne({ method: 'PATCH', url: `/api/v1/admin/users/${ada.id}` }));
    expect(request.request.body).toEqual({ active: false });
    const { invitationPending: _omitted, ...updated } = { ...ada, active: false };
    request.flush(updated);

    await vi.waitFor(() => expect(rows()[0][2]).toBe('Deactivated Invitation pending'));
  });

  it('should not offer to deactivate the signed-in admin', async () => {
    const self = TestBed.inject(AuthStore).user()!;
    await answer(listRequest(), [self]);

    (element.querySelector('tr.mat-mdc-row button[aria-haspopup]') as HTMLButtonElement).click();
    await fixture.whenStable();
    const items = Array.from(document.querySelectorAll('[role=menuitem]')).map((item) => item.textContent?.trim());
    expect(items).toEqual(['Details and assignments', 'Send password reset']);
  });

  const menuItemsOfRow = async (row: number) => {
    (element.querySelectorAll('tr.mat-mdc-row button[aria-haspopup]')[row] as HTMLButtonElement).click();
    await fixture.whenStable();
    return Array.from(document.querySelectorAll('[role=menuitem]')).map((item) => item.textContent?.trim());
  };

  it('should offer a new invitation link only while the invitation is pending', async () => {
    await answer(listRequest(), [ada, mei]);
    const items = await menuItemsOfRow(0);
    expect(items).toContain('Re-issue invitation link');
    expect(items).not.toContain('Send password reset');
  });

  it('should offer a password reset e-mail, not an invitation link, for an account with a password', async () => {
    await answer(listRequest(), [ada, mei]);
    const items = await menuItemsOfRow(1);
    expect(items).toContain('Send password reset');
    expect(items).not.toContain('Re-issue invitation link');

    buttonNamed(document.body, 'Send password reset').click();
    await vi.waitFor(() =>
      expect(document.querySelector('pp-send-password-reset-dialog h2')?.textContent).toBe(
        'Send a password reset to Dr. Mei Chen',
      ),
    );
  });
});
