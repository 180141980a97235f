import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideRouter } from '@angular/router';
import type { AssignmentDto } from '@app/core/api/models/assignment-dto';
import type { UserDto } from '@app/core/api/models/user-dto';
import type { UserSummaryDto } from '@app/core/api/models/user-summary-dto';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { buttonNamed, fieldLabelled, textOf, typeInto, visibleText } from '@app/testing/dom';
import { aUser } from '@app/testing/users';
import { UserDetailData, UserDetailDialog } from './user-detail-dialog';

@Component({ template: '' })
class Host {}

function summary({ id, email, displayName, role, timeZone, bio }: UserDto): UserSummaryDto {
  return { id, email, displayName, role, timeZone, bio };
}

describe(UserDetailDialog.name, () => {
  let http: HttpTestingController;
  let host: ComponentFixture<Host>;
  let dialog: HTMLElement;

  const admin = aUser({ role: 'admin' });
  const student = aUser({
    displayName: 'Aisha Rahman',
    email: 'aisha@uni.example',
    role: 'student',
    invitationPending: true,
  });
  const okafor = aUser({
    displayName: 'Dr. Amara Okafor',
    email: 'okafor@uni.example',
    role: 'mentor',
    mentorCapacity: 8,
  });
  const weber = aUser({
    displayName: 'Prof. Jonas Weber',
    email: 'weber@uni.example',
    role: 'mentor',
    mentorCapacity: 2,
  });

  function assignment(id: string, mentor: UserDto): AssignmentDto {
    return { id, student: summary(student), mentor: summary(mentor), createdAt: '2026-09-01T09:00:00.000Z' };
  }

  async function open(user: UserDto, assignments: AssignmentDto[] | null): Promise<void> {
    TestBed.inject(MatDialog).open<UserDetailDialog, UserDetailData>(UserDetailDialog, {
      data: { user, selfId: admin.id },
    });
    await vi.waitFor(() => expect(document.querySelector('pp-user-detail-dialog form')).not.toBeNull());
    dialog = document.querySelector('pp-user-detail-dialog')!;
    await host.whenStable();
    if (assignments) {
      const request = http.expectOne((r) => r.url === '/api/v1/admin/assignments');
      expect(request.request.params.get(user.role === 'student' ? 'studentId' : 'mentorId')).toBe(user.id);
      request.flush({ items: assignments, nextCursor: null });
      await vi.waitFor(() => expect(dialog.querySelector('pp-loading')).toBeNull());
      await host.whenStable();
    }
  }

  function partners(): string[] {
    return Array.from(dialog.querySelectorAll('.partners li')).map((li) => visibleText(li));
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    host = TestBed.createComponent(Host);
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    http.verify();
  });

  it("should list a student's mentors and remove one", async () => {
    await open(student, [assignment('a1', okafor), assignment('a2', weber)]);
    expect(textOf(dialog, 'h3#assignments-heading')).toBe('Mentors');
    expect(partners()).toEqual([
      'Dr. Amara Okafor okafor@uni.example Remove',
      'Prof. Jonas Weber weber@uni.example Remove',
    ]);

    const remove = Array.from(dialog.querySelectorAll<HTMLButtonElement>('.partners button')).find((b) =>
      b.textContent?.includes('Prof. Jonas Weber'),
    )!;
    remove.click();
    const request = http.expectOne({ method: 'DELETE', url: '/api/v1/admin/assignments/a2' });
    request.flush(null, { status: 204, statusText: 'No Content' });

    await vi.waitFor(() => expect(partners()).toEqual(['Dr. Amara Okafor okafor@uni.example Remove']));
    expect(textOf(dialog, '.assignments [role=status]')).toBe('Prof. Jonas Weber is no longer assigned.');
  });

  it('should find a mentor by name, assign them, and explain when the mentor is full', async () => {
    await open(student, []);
    expect(textOf(dialog, '.none')).toBe('No mentor is assigned yet.');

    const picker = fieldLabelled(dialog, 'Mentor to add');
    picker.focus();
    picker.dispatchEvent(new Event('focusin'));
    typeInto(picker, 'web');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const searches = http.match((r) => r.url === '/api/v1/admin/users');
    expect(searches.map((r) => r.request.params.get('search'))).toContain('web');
    expect(
      searches.every((r) => r.request.params.get('role') === 'mentor' && r.request.params.get('active') === 'true'),
    ).toBe(true);
    searches.forEach((r) => r.flush({ items: [weber], nextCursor: null }));
    await host.whenStable();
    await vi.waitFor(() => expect(document.querySelector('mat-option')?.textContent).toContain('Prof. Jonas Weber'));
    const option = Array.from(document.querySelectorAll<HTMLElement>('mat-option')).find((o) =>
      o.textContent?.includes('Prof. Jonas Weber'),
    )!;
    option.click();
    await host.whenStable();

    buttonNamed(dialog, 'Assign Prof. Jonas Weber').click();
    const assign = http.expectOne({ method: 'POST', url: '/api/v1/admin/assignments' });
    expect(assign.request.body).toEqual({ studentId: student.id, mentorId: weber.id });
    assign.flush(
      {
        status: 409,
        code: 'MENTOR_AT_CAPACITY',
        detail: 'This mentor already has 2 student(s), their capacity.',
        capacity: 2,
      },
      { status: 409, statusText: 'Conflict', headers: { 'content-type': 'application/problem+json' } },
    );

    await vi.waitFor(() =>
      expect(textOf(dialog, '.assignments [role=alert]')).toBe(
        'This mentor is full (2 of 2 students). Raise their capacity or choose another mentor.',
      ),
    );
    expect(partners()).toEqual([]);
  });

  it('should save only what changed, keeping the invitation badge', async () => {
    await open(student, []);
    typeInto(fieldLabelled(dialog, 'Sessions per month (quota override)'), '6');
    buttonNamed(dialog, 'Save changes').click();
    await host.whenStable();

    const request = http.expectOne({ method: 'PATCH', url: `/api/v1/admin/users/${student.id}` });
    expect(request.request.body).toEqual({ quotaOverride: 6 });
    const { invitationPending: _omitted, ...updated } = { ...student, quotaOverride: 6 };
    request.flush(updated);

    await vi.waitFor(() => expect(textOf(dialog, 'form [role=status]')).toBe('Saved.'));
    expect(textOf(dialog, '.summary')).toContain('Invitation pending');
  });

  it('should explain why a role cannot change while assignments exist', async () => {
    await open(okafor, [assignment('a1', okafor)]);
    expect(textOf(dialog, '.assignments p')).toBe('1 student of 8 (their capacity)');

    const loader = TestbedHarnessEnvironment.documentRootLoader(host);
    await (
      await loader.getHarness(MatSelectHarness.with({ selector: '[formControlName=role]' }))
    ).clickOptions({ text: 'Student' });
    buttonNamed(dialog, 'Save changes').click();
    await host.whenStable();

    const request = http.expectOne({ method: 'PATCH', url: `/api/v1/admin/users/${okafor.id}` });
    expect(request.request.body).toEqual({ role: 'student' });
    request.flush(
      {
        status: 409,
        code: 'ROLE_CHANGE_BLOCKED',
        detail: 'This person has 1 mentorship assignment(s).',
        assignments: 1,
      },
      { status: 409, statusText: 'Conflict', headers: { 'content-type': 'application/problem+json' } },
    );

    await vi.waitFor(() =>
      expect(textOf(dialog, 'form [role=alert]')).toBe(
        'This person still has 1 mentorship assignment(s). Remove them before changing the role.',
      ),
    );
  });

  it('should not let an admin change their own role', async () => {
    await open(admin, null);

    expect(dialog.querySelector('mat-select')?.getAttribute('aria-disabled')).toBe('true');
    expect(textOf(dialog, 'mat-hint')).toBe('You cannot change your own role; ask another admin.');
    expect(dialog.querySelector('.assignments')).toBeNull();
  });
});
