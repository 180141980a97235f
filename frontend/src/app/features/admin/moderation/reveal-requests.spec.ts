import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { RevealRequestDto } from '@app/core/api/models/reveal-request-dto';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { AuthStore } from '@app/core/auth/auth-store';
import { buttonNamed, textOf, visibleText } from '@app/testing/dom';
import { aUser, signInAs } from '@app/testing/users';
import { RevealRequests } from './reveal-requests';

describe(RevealRequests.name, () => {
  let fixture: ComponentFixture<RevealRequests>;
  let http: HttpTestingController;
  let element: HTMLElement;

  const me = aUser({ role: 'admin', displayName: 'Programme Admin' });
  const other = aUser({ role: 'admin', displayName: 'Second Admin' });

  function aRequest(overrides: Partial<RevealRequestDto> = {}): RevealRequestDto {
    return {
      id: `request-${Math.random()}`,
      postId: 'post-1',
      threadId: 'thread-1',
      reason: 'A safeguarding concern about self-harm.',
      status: 'pending',
      requestedById: other.id,
      requestedByName: other.displayName,
      decidedByName: null,
      createdAt: '2026-11-20T10:00:00.000Z',
      decidedAt: null,
      ...overrides,
    };
  }

  async function render(items: RevealRequestDto[]): Promise<void> {
    fixture = TestBed.createComponent(RevealRequests);
    element = fixture.nativeElement;
    await fixture.whenStable();
    http.expectOne((r) => r.url === '/api/v1/admin/reveal-requests').flush({ items, nextCursor: null });
    await vi.waitFor(() => expect(element.querySelector('pp-loading')).toBeNull());
    await fixture.whenStable();
  }

  function buttons(item: Element): string[] {
    return Array.from(item.querySelectorAll('button')).map((b) => b.textContent?.trim() ?? '');
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
    await signInAs(TestBed.inject(AuthStore), http, me);
  });

  afterEach(() => http.verify());

  it('should let another admin approve or reject a pending request, and never show an author that was not sent', async () => {
    await render([aRequest()]);

    const item = element.querySelector('li.item')!;
    expect(buttons(item)).toEqual(['Approve and reveal', 'Reject']);
    expect(item.querySelector('.revealed')).toBeNull();
    expect(textOf(item, '.badge')).toBe('Waiting for a second admin');
  });

  it('should not let the requesting admin approve their own request', async () => {
    await render([aRequest({ requestedById: me.id, requestedByName: me.displayName })]);

    const item = element.querySelector('li.item')!;
    expect(buttons(item)).toEqual(['Withdraw request']);
    expect(textOf(item, '.item-actions')).toContain('A different admin must decide.');
  });

  it('should show an approved author only in the panel, with a warning, once asked for', async () => {
    const approved = aRequest({
      status: 'approved',
      requestedById: me.id,
      requestedByName: me.displayName,
      decidedByName: other.displayName,
      decidedAt: '2026-11-21T10:00:00.000Z',
      author: { id: 'student-7', displayName: 'Grace Kim', email: 'grace@uni.example', role: 'student' },
    });
    const approvedElsewhere = aRequest({
      status: 'approved',
      decidedByName: 'Third Admin',
      decidedAt: '2026-11-21T10:00:00.000Z',
    });
    await render([approved, approvedElsewhere]);

    const [withAuthor, withoutAuthor] = Array.from(element.querySelectorAll('li.item'));
    expect(textOf(withAuthor, '.revealed')).toContain(
      'Confidential. You see who wrote this anonymous post because you requested this reveal.',
    );
    expect(element.textContent).not.toContain('Grace Kim');

    buttonNamed(withAuthor, 'Show who wrote it').click();
    await fixture.whenStable();

    expect(visibleText(withAuthor.querySelector('.revealed dl')!)).toBe(
      'Name Grace Kim Email grace@uni.example Role Student',
    );
    expect(withoutAuthor.querySelector('.revealed')).toBeNull();
    expect(buttons(withoutAuthor)).toEqual([]);
  });

  it('should show with the request why an admin who is not independent cannot approve it', async () => {
    const pending = aRequest();
    await render([pending]);
    const item = element.querySelector('li.item')!;

    buttonNamed(item, 'Approve and reveal').click();
    await vi.waitFor(() =>
      expect(document.querySelector('pp-confirm-dialog h2')?.textContent).toBe('Approve and reveal the author?'),
    );
    await fixture.whenStable();
    buttonNamed(document.querySelector('pp-confirm-dialog')!, 'Approve and reveal').click();

    const approval = await vi.waitFor(() =>
      http.expectOne({ method: 'POST', url: `/api/v1/admin/reveal-requests/${pending.id}/approve` }),
    );
    approval.flush(
      {
        type: 'urn:peerpals:problem:reveal-approver-not-independent',
        title: 'Conflict',
        status: 409,
        code: 'REVEAL_APPROVER_NOT_INDEPENDENT',
        detail: 'You cannot approve this reveal: your account was created by the admin who asked for it.',
        reason: 'created_by_requester',
      },
      { status: 409, statusText: 'Conflict', headers: { 'content-type': 'application/problem+json' } },
    );

    await vi.waitFor(() =>
      expect(textOf(item, '[role=alert]')).toContain(
        'You cannot approve this reveal: your account was created by the admin who asked for it.',
      ),
    );
    expect(textOf(item, '[role=alert]')).toContain('A reveal needs two independent admins');
    expect(textOf(item, '.badge')).toBe('Waiting for a second admin');
    expect(item.querySelector('.revealed')).toBeNull();
  });

  it('should say when there are no requests', async () => {
    await render([]);
    expect(textOf(element, 'pp-empty-state')).toContain('No reveal requests');
  });
});
