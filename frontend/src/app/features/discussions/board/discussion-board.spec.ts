import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Role } from '@app/core/api/models/role';
import type { ThreadDto } from '@app/core/api/models/thread-dto';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { AuthStore } from '@app/core/auth/auth-store';
import { buttonNamed, textOf, visibleText } from '@app/testing/dom';
import { aUser, signInAs } from '@app/testing/users';
import { aPost, anonymousAuthor, aThread, namedAuthor } from '@app/features/discussions/testing/discussions';
import { DiscussionBoard, THREADS_PAGE_SIZE } from './discussion-board';

describe(DiscussionBoard.name, () => {
  let fixture: ComponentFixture<DiscussionBoard>;
  let http: HttpTestingController;
  let element: HTMLElement;

  function listRequest(): TestRequest {
    return http.expectOne((r) => r.method === 'GET' && r.url === '/api/v1/discussions');
  }

  async function answer(request: TestRequest, items: ThreadDto[], nextCursor: string | null = null): Promise<void> {
    request.flush({ items, nextCursor });
    await vi.waitFor(() => expect(element.querySelector('pp-loading')).toBeNull());
    await fixture.whenStable();
  }

  async function render(role: Role): Promise<void> {
    await signInAs(TestBed.inject(AuthStore), http, aUser({ role }));
    fixture = TestBed.createComponent(DiscussionBoard);
    element = fixture.nativeElement;
    await fixture.whenStable();
  }

  function titles(): string[] {
    return Array.from(element.querySelectorAll('li.thread h2')).map((h) => h.textContent?.trim() ?? '');
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
  });

  afterEach(() => http.verify());

  it('should show mentors the unanswered queue first', async () => {
    await render('mentor');
    const request = listRequest();
    expect(request.request.params.get('unanswered')).toBe('true');
    expect(request.request.params.get('limit')).toBe(String(THREADS_PAGE_SIZE));
    await answer(request, []);

    expect(textOf(element, 'pp-empty-state')).toContain('No unanswered questions');
  });

  it('should show students every discussion, with the author as shown and the state of each thread', async () => {
    await render('student');
    const request = listRequest();
    expect(request.request.params.has('unanswered')).toBe(false);
    await answer(request, [
      aThread({ title: 'Oral exam nerves', replyCount: 0 }),
      aThread({
        title: 'Internship CVs',
        replyCount: 3,
        acceptedPostId: 'p',
        audience: 'mentors',
        opening: aPost({ threadId: 'thread-2', mine: true, author: namedAuthor('Aisha Rahman', 'student') }),
      }),
    ]);

    expect(titles()).toEqual(['Oral exam nerves', 'Internship CVs']);
    const [first, second] = Array.from(element.querySelectorAll('li.thread'));
    expect(visibleText(first.querySelector('pp-post-author')!)).toBe('H Anonymous Heron');
    expect(textOf(first, '.activity')).toContain('No replies yet');
    expect(textOf(second, 'pp-post-author')).toContain('You');
    expect(visibleText(second.querySelector('.badges')!)).toBe('Answered Mentors only #exams');
    expect(textOf(element, 'p.summary')).toBe('Showing 2 discussions.');
  });

  it('should list my own hidden discussion as hidden, without inventing its title or text', async () => {
    await render('student');
    await answer(listRequest(), [
      aThread({ hidden: true, title: null, tags: [], mine: true, opening: aPost({ mine: true, body: null }) }),
    ]);

    expect(titles()).toEqual(['Hidden discussion']);
    expect(textOf(element, 'li.thread .excerpt')).toBe('The moderators hid this discussion.');
    expect(visibleText(element.querySelector('li.thread .badges')!)).toBe('Hidden by the moderators');
  });

  it('should filter by a tag when its button is pressed, and load more with the cursor', async () => {
    await render('student');
    await answer(
      listRequest(),
      [aThread({ tags: ['exams'], opening: aPost({ author: anonymousAuthor() }) })],
      'next-page',
    );

    buttonNamed(element, '#exams').click();
    const byTag = listRequest();
    expect(byTag.request.params.get('tag')).toBe('exams');
    await answer(byTag, [aThread({ title: 'Tagged' })], 'after-tagged');

    buttonNamed(element, 'Load more discussions').click();
    const more = listRequest();
    expect(more.request.params.get('cursor')).toBe('after-tagged');
    expect(more.request.params.get('tag')).toBe('exams');
    await answer(more, [aThread({ title: 'Older', opening: aPost({ threadId: 'thread-older' }) })]);

    expect(titles()).toEqual(['Tagged', 'Older']);
  });
});
