import type { AuthorDto } from '@app/core/api/models/author-dto';
import type { PostDto } from '@app/core/api/models/post-dto';
import type { ThreadDto } from '@app/core/api/models/thread-dto';

// Builders for discussion specs: a post or thread as the API sends it; override what the test is about.

let sequence = 0;
const nextId = () => `10000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`;

export function anonymousAuthor(displayName = 'Anonymous Heron', overrides: Partial<AuthorDto> = {}): AuthorDto {
  return { kind: 'anonymous', displayName, avatarColour: '#0d47a1', isOriginalPoster: false, ...overrides };
}

export function namedAuthor(
  displayName: string,
  role: AuthorDto['role'] = 'mentor',
  overrides: Partial<AuthorDto> = {},
): AuthorDto {
  return { kind: 'user', displayName, userId: nextId(), role, isOriginalPoster: false, ...overrides };
}

export function aPost(overrides: Partial<PostDto> = {}): PostDto {
  return {
    id: nextId(),
    threadId: 'thread-1',
    body: 'How do you prepare for oral exams?',
    mode: overrides.author?.kind === 'user' ? 'normal' : 'anonymous',
    author: anonymousAuthor(),
    mine: false,
    deleted: false,
    hidden: false,
    isAcceptedAnswer: false,
    createdAt: '2026-11-20T10:00:00.000Z',
    editedAt: null,
    ...overrides,
  };
}

export function aThread(overrides: Partial<ThreadDto> = {}): ThreadDto {
  const opening =
    overrides.opening ?? aPost({ author: anonymousAuthor('Anonymous Heron', { isOriginalPoster: true }) });
  return {
    id: opening.threadId,
    title: 'Oral exam nerves',
    tags: ['exams'],
    audience: 'community',
    mode: opening.mode,
    opening,
    mine: opening.mine,
    locked: false,
    hidden: false,
    replyCount: 0,
    acceptedPostId: null,
    lastActivityAt: '2026-11-20T10:00:00.000Z',
    createdAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}
