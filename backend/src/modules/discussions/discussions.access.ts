import { Role } from '../../common/auth/role';
import { Audience, PostEntity, RevealRequestEntity, ThreadEntity } from './discussion.entities';
import { DiscussionNotFoundError } from './discussions.errors';

export interface Viewer {
  id: string;
  role: Role;
}

/** Which threads a list may return to a viewer: the SQL form of `maySeeThread`, applied by the repository. */
export interface ThreadScope {
  audiences: Audience[];
  /** Also threads of this audience the viewer wrote (students see their own mentors-only threads). */
  ownMentorsOnlyOf?: string;
  /** Non-admins: hidden threads are left out, except the viewer's own (shown to them marked hidden). */
  hiddenExceptAuthor?: string;
}

/**
 * The one answer to "may this viewer see it" in discussions; the service, the reveal code and the
 * view mapper all ask here. Mentors-only threads: mentors, admins and the author. Hidden threads:
 * admins, and the author (who sees it marked hidden, without its text).
 */
export function maySeeThread(viewer: Viewer, thread: ThreadEntity): boolean {
  const own = thread.authorId === viewer.id;
  if (thread.hidden && viewer.role !== Role.Admin && !own) return false;
  return thread.audience === Audience.Community || viewer.role !== Role.Student || own;
}

/** The thread, or DiscussionNotFoundError when there is none or the viewer may not see it (the two look alike). */
export function requireThread<T extends { thread: ThreadEntity }>(viewer: Viewer, found: T | null): T {
  if (!found || !maySeeThread(viewer, found.thread)) throw new DiscussionNotFoundError();
  return found;
}

/** `maySeeThread` for a list of the `wanted` audiences, as conditions the repository turns into SQL. */
export function threadScope(viewer: Viewer, wanted: Audience[]): ThreadScope {
  const staff = viewer.role !== Role.Student;
  return {
    audiences: staff ? wanted : wanted.filter((a) => a === Audience.Community),
    ownMentorsOnlyOf: !staff && wanted.includes(Audience.Mentors) ? viewer.id : undefined,
    hiddenExceptAuthor: viewer.role === Role.Admin ? undefined : viewer.id,
  };
}

/** A hidden thread's title and tags, and a hidden post's text, reach admins only; a deleted post's text nobody. */
export function mayReadText(viewer: Viewer, thread: ThreadEntity, post?: PostEntity): boolean {
  if (post?.deletedAt) return false;
  return viewer.role === Role.Admin || (!thread.hidden && !post?.hidden);
}

/** An approved reveal shows the anonymous author to the two admins who asked and approved, and to nobody else. */
export function maySeeRevealedAuthor(viewer: Viewer, request: RevealRequestEntity): boolean {
  return request.status === 'approved' && (request.requestedBy === viewer.id || request.decidedBy === viewer.id);
}
