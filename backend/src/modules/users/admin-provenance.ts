import { Role } from '../../common/auth/role';

/** How an account became admin; it decides whether the admin may take part in a reveal. */
export enum AdminGrantedVia {
  /** The operator's command line on the server (`npm run cli -- create-admin`, also the demo seed). */
  Cli = 'cli',
  /** The role mapped from the identity provider at single sign-on. */
  Sso = 'sso',
  /** Created, imported or promoted as admin by another admin. */
  Admin = 'admin',
}

/** Audit action and event type written whenever an account becomes admin. */
export const MADE_ADMIN = 'user.made_admin';

export interface AdminGrant {
  adminVia: AdminGrantedVia | null;
  adminSince: Date | null;
  adminBy: string | null;
}

/** The provenance columns for an account that has (or no longer has) the admin role. */
export function adminGrant(role: Role, via: AdminGrantedVia, by: string | null, at: Date): AdminGrant {
  return role === Role.Admin
    ? { adminVia: via, adminSince: at, adminBy: via === AdminGrantedVia.Admin ? by : null }
    : { adminVia: null, adminSince: null, adminBy: null };
}
