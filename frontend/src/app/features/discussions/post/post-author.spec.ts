import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { AuthorDto } from '@app/core/api/models/author-dto';
import { visibleText } from '@app/testing/dom';
import { anonymousAuthor, namedAuthor } from '@app/features/discussions/testing/discussions';
import { PostAuthor } from './post-author';

describe(PostAuthor.name, () => {
  let fixture: ComponentFixture<PostAuthor>;

  async function render(author: AuthorDto, mine = false): Promise<HTMLElement> {
    fixture = TestBed.createComponent(PostAuthor);
    fixture.componentRef.setInput('author', author);
    fixture.componentRef.setInput('mine', mine);
    await fixture.whenStable();
    return fixture.nativeElement;
  }

  it('should show a named author with their role', async () => {
    const element = await render(namedAuthor('Dr. Amara Okafor', 'mentor'));
    expect(visibleText(element)).toBe('D Dr. Amara Okafor Mentor');
  });

  it('should show an anonymous author by pseudonym only, in its avatar colour', async () => {
    const element = await render(anonymousAuthor('Anonymous Heron', { avatarColour: '#4a148c' }));
    expect(visibleText(element)).toBe('H Anonymous Heron');
    expect(element.querySelector<HTMLElement>('.avatar')?.style.backgroundColor).toBe('rgb(74, 20, 140)');
  });

  it('should mark my own anonymous post with "You" and nothing else about me', async () => {
    const element = await render(anonymousAuthor('Anonymous Heron', { isOriginalPoster: true }), true);
    expect(visibleText(element)).toBe('H Anonymous Heron Started the thread You');
    expect(element.querySelector('a')).toBeNull();
  });

  it('should never put the user id of a named author in the page', async () => {
    const author = namedAuthor('Aisha Rahman', 'student');
    const element = await render(author, true);
    expect(visibleText(element)).toBe('A Aisha Rahman Student You');
    expect(element.outerHTML).not.toContain(author.userId);
  });
});
