import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { PostDto } from '@app/core/api/models/post-dto';
import type { Role } from '@app/core/api/models/role';
import type { ThreadDto } from '@app/core/api/models/thread-dto';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { AuthStore } from '@app/core/auth/auth-store';
import { buttonNamed, fieldLabelled, textOf, typeInto, visibleText } from '@app/testing/dom';
import { aUser, signInAs } from '@app/testing/users';
import { aPost, anonymousAuthor, aThread, namedAuthor } from '@app/features/discussions/testing/discussions';
import { REPLIES_PAGE_SIZE, ThreadPage } from './thread-page';

describe(ThreadPage.name, () => {
  let fixture: ComponentFixture<ThreadPage>;
  let http: HttpTestingController;
  let element: HTMLElement;

  const student = aUser({ role: 'student', displayName: 'Aisha Rahman', email: 'aisha@uni.example' });

  async function open(
    viewer: Role,
    thread: ThreadDto,
    replies: PostDto[],
    nextCursor: string | null = null,
  ): Promise<void> {
    await signInAs(TestBed.inject(AuthStore), http, viewer === 'student' ? student : aUser({ role: viewer }));
    fixture = TestBed.createComponent(ThreadPage);
    fixture.componentRef.setInput('id', thread.id);
    element = fixture.nativeElement;
    await fixture.whenStable();
    http.expectOne(`/api/v1/discussions/${thread.id}`).flush(thread);
    const posts = http.expectOne((r) => r.url === `/api/v1/discussions/${thread.id}/posts`);
    expect(posts.request.params.get('limit')).toBe(String(REPLIES_PAGE_SIZE));
    posts.flush({ items: replies, nextCursor });
    await vi.waitFor(() => expect(element.querySelector('pp-loading')).toBeNull());
    await fixture.whenStable();
  }

  function posts(): string[] {
    return Array.from(element.querySelectorAll('pp-post-card article')).map((a) => a.getAttribute('aria-label') ?? '');
  }

  function bodies(): string[] {
    return Array.from(element.querySelectorAll('pp-post-card article')).map((a) => textOf(a, '.body, .placeholder'));
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

  it('should show the opening post and the replies, oldest first', async () => {
    const thread = aThread({ replyCount: 2 });
    await open('student', thread, [
      aPost({ author: namedAuthor('Dr. Amara Okafor', 'mentor'), body: 'Practise out loud.' }),
      aPost({ author: anonymousAuthor('Anonymous Lynx'), body: 'Same here!' }),
    ]);

    expect(textOf(element, 'h1')).toBe('Oral exam nerves');
    expect(posts()).toEqual([
      'Opening post by Anonymous Heron',
      'Reply by Dr. Amara Okafor, Mentor',
      'Reply by Anonymous Lynx',
    ]);
    expect(textOf(element, '#replies-heading')).toBe('2 replies');
  });

  it('should show deleted and hidden posts as placeholders, without actions', async () => {
    const thread = aThread({ replyCount: 2 });
    await open('student', thread, [
      aPost({ deleted: true, body: null, author: anonymousAuthor('Anonymous Lynx') }),
      aPost({ hidden: true, body: null, author: namedAuthor('Ben Carter', 'student') }),
    ]);

    expect(bodies().slice(1)).toEqual([
      'This post was deleted by its author.',
      'This post was hidden by the moderators.',
    ]);
    const [, deleted, hidden] = Array.from(element.querySelectorAll('pp-post-card'));
    expect(deleted.querySelectorAll('button')).toHaveLength(0);
    expect(hidden.querySelectorAll('button')).toHaveLength(0);
  });

  it('should show admins the text of a hidden post, marked as hidden, with a way to unhide it', async () => {
    const thread = aThread({ replyCount: 1 });
    await open('admin', thread, [
      aPost({ hidden: true, body: 'Something rude.', author: anonymousAuthor('Anonymous Lynx') }),
    ]);

    const hidden = element.querySelectorAll('pp-post-card')[1];
    expect(textOf(hidden, '.hidden-note')).toBe('Hidden by the moderators: only admins can read this text.');
    expect(textOf(hidden, '.body')).toBe('Something rude.');
    expect(Array.from(hidden.querySelectorAll('button')).map((b) => visibleText(b))).toEqual([
      'Unhide',
      'Request reveal',
    ]);
  });

  it('should say a locked thread is locked and offer no reply form', async () => {
    await open('student', aThread({ locked: true }), []);

    expect(textOf(element, '.locked')).toContain('This thread is locked.');
    expect(element.querySelector('form')).toBeNull();
  });

  it('should let admins hide the whole thread and show it again', async () => {
    const thread = aThread({ replyCount: 1 });
    await open('admin', thread, [aPost({ body: 'A reply.' })]);

    buttonNamed(element, 'Hide thread').click();
    const hide = http.expectOne(`/api/v1/admin/discussions/${thread.id}/hide`);
    expect(hide.request.method).toBe('POST');
    hide.flush({ ...thread, hidden: true });
    await vi.waitFor(() => expect(textOf(element, '.locked')).toContain('This thread is hidden.'));
    await fixture.whenStable();
    // Admins still read it, with the way back.
    expect(textOf(element, 'h1')).toBe('Oral exam nerves');
    expect(element.querySelector('form')).toBeNull();

    buttonNamed(element, 'Unhide thread').click();
    const unhide = http.expectOne(`/api/v1/admin/discussions/${thread.id}/unhide`);
    expect(unhide.request.method).toBe('POST');
    unhide.flush({ ...thread, hidden: false });
    await vi.waitFor(() => expect(element.querySelector('.locked')).toBeNull());
    await fixture.whenStable();
    expect(buttonNamed(element, 'Hide thread')).toBeTruthy();
    expect(element.querySelector('form')).not.toBeNull();
  });

  it('should show its author a hidden thread as hidden, without its text, a reply form or moderation buttons', async () => {
    const opening = aPost({
      mine: true,
      body: null,
      author: anonymousAuthor('Anonymous Heron', { isOriginalPoster: true }),
    });
    await open('student', aThread({ hidden: true, title: null, tags: [], mine: true, opening }), []);

    expect(textOf(element, 'h1')).toBe('Hidden discussion');
    expect(textOf(element, '.locked')).toContain('The moderators hid this thread.');
    expect(bodies()).toEqual(['This post was hidden by the moderators.']);
    expect(element.querySelector('form')).toBeNull();
    expect(Array.from(element.querySelectorAll('button')).map((b) => visibleText(b))).not.toContain('Hide thread');
    expect(Array.from(element.querySelectorAll('button')).map((b) => visibleText(b))).not.toContain('Unhide thread');
  });

  it('should mark my own anonymous posts with "You" and reuse their pseudonym in the reply preview', async () => {
    const thread = aThread({ replyCount: 1 });
    await open('student', thread, [aPost({ mine: true, author: anonymousAuthor('Anonymous Otter'), body: 'Thanks!' })]);

    const mine = element.querySelectorAll('pp-post-card')[1];
    expect(visibleText(mine.querySelector('pp-post-author')!)).toBe('O Anonymous Otter You');
    expect(Array.from(mine.querySelectorAll('button')).map((b) => visibleText(b))).toEqual([
      'Edit',
      'Sign with my name',
      'Delete',
    ]);
    expect(textOf(element, '.composer .appearance')).toBe(
      'You will appear as Anonymous Otter, the same pseudonym as your other anonymous posts in this thread.',
    );
    expect(element.textContent).not.toContain('aisha@uni.example');
    expect(element.innerHTML).not.toContain(student.id);
  });

  it('should post a reply in the chosen mode and add it to the end', async () => {
    const thread = aThread();
    await open('student', thread, []);

    typeInto(fieldLabelled<HTMLTextAreaElement>(element, 'Your reply'), '  I had the same worry.  ');
    buttonNamed(element, 'Post reply').click();
    const request = http.expectOne(`/api/v1/discussions/${thread.id}/posts`);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ body: 'I had the same worry.', mode: 'anonymous' });
    request.flush(aPost({ mine: true, body: 'I had the same worry.', author: anonymousAuthor('Anonymous Otter') }));
    await vi.waitFor(() => expect(posts()).toHaveLength(2));
    await fixture.whenStable();

    expect(posts()[1]).toBe('Reply by Anonymous Otter (you)');
    expect(textOf(element, '#replies-heading')).toBe('1 reply');
    expect(textOf(element, '.form-message--success')).toBe('Your reply was posted as Anonymous Otter.');
    // The emptied composer is ready for the next reply, not flagged as an error.
    expect(fieldLabelled<HTMLTextAreaElement>(element, 'Your reply').value).toBe('');
    expect(element.querySelector('.composer mat-error')).toBeNull();
  });

  it('should let the author of the thread accept a mentor reply, not a student reply', async () => {
    const mine = aThread({
      mine: true,
      opening: aPost({ mine: true, author: anonymousAuthor('Anonymous Heron', { isOriginalPoster: true }) }),
    });
    await open('student', mine, [
      aPost({ author: namedAuthor('Dr. Amara Okafor', 'mentor'), body: 'Practise out loud.' }),
      aPost({ author: namedAuthor('Ben Carter', 'student'), body: 'Me too.' }),
    ]);

    const [, mentorReply, studentReply] = Array.from(element.querySelectorAll('pp-post-card'));
    expect(Array.from(mentorReply.querySelectorAll('button')).map((b) => visibleText(b))).toEqual([
      'Accept as answer',
      'Report',
    ]);
    expect(Array.from(studentReply.querySelectorAll('button')).map((b) => visibleText(b))).toEqual(['Report']);
  });

  it('should show the reason when the thread cannot be loaded', async () => {
    await signInAs(TestBed.inject(AuthStore), http, student);
    fixture = TestBed.createComponent(ThreadPage);
    fixture.componentRef.setInput('id', 'gone');
    element = fixture.nativeElement;
    await fixture.whenStable();
    http
      .expectOne('/api/v1/discussions/gone')
      .flush(
        { status: 404, code: 'NOT_FOUND', detail: 'There is nothing at this address.' },
        { status: 404, statusText: 'Not Found' },
      );
    http
      .expectOne((r) => r.url === '/api/v1/discussions/gone/posts')
      .flush({ status: 404, code: 'NOT_FOUND' }, { status: 404, statusText: 'Not Found' });
    await vi.waitFor(() => expect(element.querySelector('pp-load-error')).not.toBeNull());
    await fixture.whenStable();

    expect(textOf(element, 'pp-load-error p')).toBe(
      'It no longer exists; someone may have removed it. Reload the page and try again.',
    );
  });
});
