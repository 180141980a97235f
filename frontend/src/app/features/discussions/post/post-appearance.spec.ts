import { aPost, anonymousAuthor, namedAuthor } from '@app/features/discussions/testing/discussions';
import { appearanceText, authorSummary, canPostAnonymously, ownPseudonym, visibilityText } from './post-appearance';

describe('post appearance', () => {
  it('should let only students post anonymously', () => {
    expect(canPostAnonymously('student')).toBe(true);
    expect(canPostAnonymously('mentor')).toBe(false);
    expect(canPostAnonymously('admin')).toBe(false);
    expect(canPostAnonymously(null)).toBe(false);
  });

  it('should promise an example pseudonym before the first anonymous post in a thread', () => {
    expect(appearanceText('student', 'anonymous', 'Aisha Rahman', null)).toBe(
      'You will appear as a pseudonym such as Anonymous Heron, the same throughout this thread.',
    );
  });

  it('should name the pseudonym a student already has in the thread', () => {
    expect(appearanceText('student', 'anonymous', 'Aisha Rahman', 'Anonymous Otter')).toBe(
      'You will appear as Anonymous Otter, the same pseudonym as your other anonymous posts in this thread.',
    );
  });

  it('should show the name and role for named posts', () => {
    expect(appearanceText('student', 'normal', 'Aisha Rahman', 'Anonymous Otter')).toBe(
      'You will appear as Aisha Rahman (Student).',
    );
    expect(appearanceText('mentor', 'normal', 'Dr. Amara Okafor', null)).toBe(
      'You will appear as Dr. Amara Okafor (Mentor).',
    );
  });

  it('should never preview mentors or admins as anonymous', () => {
    expect(appearanceText('mentor', 'anonymous', 'Dr. Amara Okafor', 'Anonymous Otter')).toBe(
      'You will appear as Dr. Amara Okafor (Mentor).',
    );
    expect(appearanceText('admin', 'anonymous', 'Programme Admin', null)).toBe(
      'You will appear as Programme Admin (Admin).',
    );
  });

  it('should say who can tell an anonymous post is yours', () => {
    expect(visibilityText('student', 'anonymous')).toBe(
      'Who can see that it is you: Students: no · Mentors: no · Admins: only through an audited two-admin reveal.',
    );
    expect(visibilityText('student', 'normal')).toBe('Everyone who can read this thread sees your name and role.');
    expect(visibilityText('mentor', 'anonymous')).toBe(
      'Everyone who can read this thread sees your name and role. Mentors and admins always post with their name.',
    );
  });

  it('should take the pseudonym from my own anonymous posts only', () => {
    const otherAnonymous = aPost({ author: anonymousAuthor('Anonymous Lynx') });
    const myNamed = aPost({ mine: true, author: namedAuthor('Aisha Rahman', 'student') });
    const myAnonymous = aPost({ mine: true, author: anonymousAuthor('Anonymous Otter') });

    expect(ownPseudonym([otherAnonymous, myNamed])).toBeNull();
    expect(ownPseudonym([otherAnonymous, myNamed, myAnonymous])?.displayName).toBe('Anonymous Otter');
  });

  it('should describe an author with their role, and mark my own posts', () => {
    expect(authorSummary(namedAuthor('Dr. Amara Okafor'), false)).toBe('Dr. Amara Okafor, Mentor');
    expect(authorSummary(anonymousAuthor('Anonymous Otter'), true)).toBe('Anonymous Otter (you)');
  });
});
