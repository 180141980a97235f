import type { Role } from './role';

/** The signed-in caller, as the auth guard attaches it to the request. */
export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  timeZone: string;
  /** The account's token version the credential was issued at (what revocation bumps). */
  tokenVersion: number;
}
