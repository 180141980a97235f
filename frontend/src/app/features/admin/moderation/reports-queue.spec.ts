import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ReportDto } from '@app/core/api/models/report-dto';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { AuthStore } from '@app/core/auth/auth-store';
import { buttonNamed, textOf } from '@app/testing/dom';
import { aUser, signInAs } from '@app/testing/users';
import { ReportsQueue } from './reports-queue';

describe(ReportsQueue.name, () => {
  let fixture: ComponentFixture<ReportsQueue>;
  let http: HttpTestingController;
  let element: HTMLElement;

  const report: ReportDto = {
    id: 'report-1',
    reason: 'This is off topic',
    status: 'open',
    createdAt: '2026-11-20T10:00:00.000Z',
    threadTitle: 'Exam tips',
    post: {
      id: 'post-1',
      threadId: 'thread-1',
      author: { kind: 'anonymous', displayName: 'Anonymous Heron', isOriginalPoster: true, avatarColour: '#336699' },
      body: 'Does anyone have tips?',
      createdAt: '2026-11-19T10:00:00.000Z',
      deleted: false,
      editedAt: null,
      hidden: false,
      isAcceptedAnswer: false,
      mine: false,
      mode: 'anonymous',
    },
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await signInAs(TestBed.inject(AuthStore), http, aUser({ role: 'admin' }));
    fixture = TestBed.createComponent(ReportsQueue);
    element = fixture.nativeElement;
    await fixture.whenStable();
    http.expectOne((r) => r.url === '/api/v1/admin/reports').flush({ items: [report], nextCursor: null });
    await vi.waitFor(() => expect(element.querySelector('pp-loading')).toBeNull());
    http.expectOne('/api/v1/discussions/thread-1').flush({ id: 'thread-1', locked: false });
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('should dismiss an open report and leave the post as it is', async () => {
    const item = element.querySelector('li.item')!;
    expect(textOf(item, '.badge')).toBe('Open');

    buttonNamed(item, 'Dismiss report').click();
    const dismiss = http.expectOne('/api/v1/admin/reports/report-1/dismiss');
    expect(dismiss.request.method).toBe('POST');
    dismiss.flush(null, { status: 204, statusText: 'No Content' });
    await vi.waitFor(() => expect(textOf(element, 'li.item .badge')).toBe('Resolved'));
    await fixture.whenStable();

    expect(Array.from(element.querySelectorAll('li.item button')).map((b) => b.textContent?.trim())).not.toContain(
      'Dismiss report',
    );
    expect(element.textContent).toContain('Does anyone have tips?');
  });
});
