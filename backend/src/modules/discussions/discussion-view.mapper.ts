import { Role } from '../../common/auth/role';
import { AuthorDto, PostDto, ThreadDto } from './dto/discussion.dto';
import { PostEntity, PostMode, ThreadEntity } from './discussion.entities';
import { mayReadText, Viewer } from './discussions.access';
import { pseudonymFor } from './pseudonym';

export interface NamedAuthor {
  id: string;
  displayName: string;
  role: Role;
}

/**
 * The one place that decides what a viewer may see of a post or thread. For anonymous content no
 * user id, name, email, role or anything derived from the author leaves the server — for admins
 * too — except `mine: true` for the author. Every response, notification text and export that
 * shows discussion content goes through here; whether the viewer may see it at all is
 * `discussions.access.ts`.
 */
export class DiscussionViewMapper {
  constructor(private readonly pseudonymSecret: string) {}

  author(post: PostEntity, thread: ThreadEntity, opening: PostEntity, people: Map<string, NamedAuthor>): AuthorDto {
    // Marking the original poster must not link a named post to an anonymous one (or back).
    const isOriginalPoster = post.authorId === thread.authorId && post.mode === opening.mode;
    if (post.mode === PostMode.Anonymous) {
      const alias = pseudonymFor(this.pseudonymSecret, thread.id, post.authorId);
      return { kind: 'anonymous', displayName: alias.name, avatarColour: alias.avatarColour, isOriginalPoster };
    }
    const person = people.get(post.authorId);
    return {
      kind: 'user',
      displayName: person?.displayName ?? 'Former member',
      userId: post.authorId,
      role: person?.role ?? Role.Student,
      isOriginalPoster,
    };
  }

  post(
    post: PostEntity,
    thread: ThreadEntity,
    opening: PostEntity,
    viewer: Viewer,
    people: Map<string, NamedAuthor>,
  ): PostDto {
    const deleted = post.deletedAt !== null;
    return {
      id: post.id,
      threadId: thread.id,
      body: mayReadText(viewer, thread, post) ? post.body : null,
      mode: post.mode,
      author: this.author(post, thread, opening, people),
      mine: post.authorId === viewer.id,
      deleted,
      hidden: post.hidden,
      isAcceptedAnswer: thread.acceptedPostId === post.id,
      createdAt: post.createdAt.toISOString(),
      editedAt: post.editedAt?.toISOString() ?? null,
    };
  }

  thread(thread: ThreadEntity, opening: PostEntity, viewer: Viewer, people: Map<string, NamedAuthor>): ThreadDto {
    const withheld = !mayReadText(viewer, thread);
    return {
      id: thread.id,
      title: withheld ? null : thread.title,
      tags: withheld || !thread.tags ? [] : thread.tags.split(','),
      audience: thread.audience,
      mode: opening.mode,
      opening: this.post(opening, thread, opening, viewer, people),
      mine: thread.authorId === viewer.id,
      locked: thread.locked,
      hidden: thread.hidden,
      replyCount: thread.replyCount,
      acceptedPostId: thread.acceptedPostId,
      lastActivityAt: thread.lastActivityAt.toISOString(),
      createdAt: thread.createdAt.toISOString(),
    };
  }

  /** How the author of a post is named to others (for notification texts). */
  shownName(post: PostEntity, thread: ThreadEntity, opening: PostEntity, people: Map<string, NamedAuthor>): string {
    return this.author(post, thread, opening, people).displayName;
  }
}
