import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AuthorDto } from '@app/core/api/models/author-dto';
import type { PostMode } from '@app/core/api/models/post-mode';
import type { Role } from '@app/core/api/models/role';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { AuthStore } from '@app/core/auth/auth-store';
import { textOf } from '@app/testing/dom';
import { aUser, signInAs } from '@app/testing/users';
import { anonymousAuthor } from '@app/features/discussions/testing/discussions';
import { PostModeSwitch } from './post-mode-switch';

describe(PostModeSwitch.name, () => {
  let fixture: ComponentFixture<PostModeSwitch>;
  let element: HTMLElement;
  let chosen: PostMode[];

  async function render(
    role: Role,
    displayName: string,
    mode: PostMode,
    pseudonym: AuthorDto | null = null,
  ): Promise<void> {
    const http = TestBed.inject(HttpTestingController);
    await signInAs(TestBed.inject(AuthStore), http, aUser({ role, displayName }));
    fixture = TestBed.createComponent(PostModeSwitch);
    fixture.componentRef.setInput('mode', mode);
    fixture.componentRef.setInput('pseudonym', pseudonym);
    chosen = [];
    fixture.componentInstance.modeChange.subscribe((m) => chosen.push(m));
    element = fixture.nativeElement;
    await fixture.whenStable();
  }

  function radios(): string[] {
    return Array.from(element.querySelectorAll('mat-radio-button')).map((r) => r.textContent?.trim() ?? '');
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
  });

  it('should offer a student both modes and preview an anonymous first post with an example pseudonym', async () => {
    await render('student', 'Aisha Rahman', 'anonymous');

    expect(radios()).toEqual(['Anonymously', 'With my name']);
    expect(textOf(element, '.appearance')).toBe(
      'You will appear as a pseudonym such as Anonymous Heron, the same throughout this thread.',
    );
    expect(textOf(element, '.visibility')).toBe(
      'Who can see that it is you: Students: no · Mentors: no · Admins: only through an audited two-admin reveal.',
    );
    expect(textOf(element, '.preview pp-post-author')).not.toContain('Aisha Rahman');
  });

  it('should reuse the pseudonym a student already has in the thread', async () => {
    await render('student', 'Aisha Rahman', 'anonymous', anonymousAuthor('Anonymous Otter'));

    expect(textOf(element, '.appearance')).toBe(
      'You will appear as Anonymous Otter, the same pseudonym as your other anonymous posts in this thread.',
    );
    expect(textOf(element, '.preview pp-post-author')).toContain('Anonymous Otter');
  });

  it('should preview a named post by a student with their name and role', async () => {
    await render('student', 'Aisha Rahman', 'normal');

    expect(textOf(element, '.appearance')).toBe('You will appear as Aisha Rahman (Student).');
    expect(textOf(element, '.visibility')).toBe('Everyone who can read this thread sees your name and role.');
  });

  it('should report the mode the student picks', async () => {
    await render('student', 'Aisha Rahman', 'anonymous');

    element.querySelector<HTMLInputElement>('mat-radio-button[value=normal] input')!.click();
    await fixture.whenStable();

    expect(chosen).toEqual(['normal']);
  });

  it('should tell a mentor that they post with their name, without a choice', async () => {
    await render('mentor', 'Dr. Amara Okafor', 'anonymous');

    expect(radios()).toEqual([]);
    expect(textOf(element, '.appearance')).toBe('You will appear as Dr. Amara Okafor (Mentor).');
    expect(textOf(element, '.visibility')).toBe(
      'Everyone who can read this thread sees your name and role. Mentors and admins always post with their name.',
    );
  });

  it('should tell an admin that they post with their name', async () => {
    await render('admin', 'Programme Admin', 'normal');

    expect(radios()).toEqual([]);
    expect(textOf(element, '.appearance')).toBe('You will appear as Programme Admin (Admin).');
  });
});
