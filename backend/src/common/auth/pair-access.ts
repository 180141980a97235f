import type { AuthUser } from './auth-user';
import { Role } from './role';

/** What belongs to a mentoring pair: a request or a session. */
export interface PairOwned {
  mentorId: string;
  studentId: string;
}

/**
 * - `view`: either person of the pair, or an admin;
 * - `take-part`: either person of the pair (cancelling a session);
 * - `lead`: the pair's mentor (accepting a request, rescheduling, completing).
 */
export type PairAction = 'view' | 'take-part' | 'lead';

/** The one rule for who may see or change what belongs to a mentoring pair. */
export function mayAccessPair(viewer: AuthUser, action: PairAction, subject: PairOwned): boolean {
  const inPair = subject.mentorId === viewer.id || subject.studentId === viewer.id;
  switch (action) {
    case 'lead':
      return subject.mentorId === viewer.id;
    case 'take-part':
      return inPair;
    case 'view':
      return inPair || viewer.role === Role.Admin;
  }
}

/**
 * `subject` when the viewer may do `action` on it; otherwise the module's not-found error, the same
 * one a missing id gets, so nobody learns which ids exist.
 */
export function requirePairAccess<T extends PairOwned>(
  viewer: AuthUser,
  action: PairAction,
  subject: T | null,
  notFound: () => Error,
): T {
  if (!subject || !mayAccessPair(viewer, action, subject)) throw notFound();
  return subject;
}
