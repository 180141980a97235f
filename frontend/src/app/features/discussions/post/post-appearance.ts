import type { AuthorDto } from '@app/core/api/models/author-dto';
import type { PostDto } from '@app/core/api/models/post-dto';
import type { PostMode } from '@app/core/api/models/post-mode';
import type { Role } from '@app/core/api/models/role';

export const ROLE_NAMES: Record<Role, string> = { student: 'Student', mentor: 'Mentor', admin: 'Admin' };

/** Only an example: the real pseudonym is derived on the server, per person and thread. */
export const EXAMPLE_PSEUDONYM = 'Anonymous Heron';

export const ANONYMOUS_VISIBILITY = [
  { who: 'Students', sees: 'no' },
  { who: 'Mentors', sees: 'no' },
  { who: 'Admins', sees: 'only through an audited two-admin reveal' },
] as const;

/** Only students may post anonymously; the server refuses it for everyone else. */
export function canPostAnonymously(role: Role | null): boolean {
  return role === 'student';
}

/**
 * The pseudonym the signed-in person already has in this thread, read from their own anonymous
 * posts (`mine` is the only link the server gives, and only to the author).
 */
export function ownPseudonym(posts: readonly PostDto[]): AuthorDto | null {
  return posts.find((post) => post.mine && post.author.kind === 'anonymous')?.author ?? null;
}

/** "You will appear as …" for the composer's preview. */
export function appearanceText(role: Role, mode: PostMode, name: string, pseudonym: string | null): string {
  if (mode === 'anonymous' && canPostAnonymously(role)) {
    return pseudonym
      ? `You will appear as ${pseudonym}, the same pseudonym as your other anonymous posts in this thread.`
      : `You will appear as a pseudonym such as ${EXAMPLE_PSEUDONYM}, the same throughout this thread.`;
  }
  return `You will appear as ${name} (${ROLE_NAMES[role]}).`;
}

/** Who learns who wrote the post, in words. */
export function visibilityText(role: Role, mode: PostMode): string {
  if (mode === 'anonymous' && canPostAnonymously(role)) {
    return `Who can see that it is you: ${ANONYMOUS_VISIBILITY.map(({ who, sees }) => `${who}: ${sees}`).join(' · ')}.`;
  }
  const always = canPostAnonymously(role) ? '' : ' Mentors and admins always post with their name.';
  return `Everyone who can read this thread sees your name and role.${always}`;
}

/** A short description of a post's author for labels ("Reply by Anonymous Heron (you)"). */
export function authorSummary(author: AuthorDto, mine: boolean): string {
  const role = author.kind === 'user' && author.role ? `, ${ROLE_NAMES[author.role]}` : '';
  return `${author.displayName}${role}${mine ? ' (you)' : ''}`;
}
