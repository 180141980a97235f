import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user';
import { formatInZone } from '../../common/time/format';
import { AuditService } from '../audit/audit.service';
import { AdminGrantedVia, MADE_ADMIN } from '../users/admin-provenance';
import { Role } from '../../common/auth/role';
import type { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { RevealApproverNotIndependentError, RevealDependence } from './discussions.errors';

/** An admin made by another admin waits this long before taking part in a reveal; every new admin is announced meanwhile. */
export const REVEAL_WAITING_DAYS = 7;
const WAITING_MS = REVEAL_WAITING_DAYS * 24 * 3_600_000;

interface Standing {
  reason: RevealDependence;
  /** Completes "you were …" / "the admin who asked was …". */
  was: string;
  eligibleFrom?: Date;
}

/**
 * The two-admin reveal needs two independent admins, since one admin could otherwise make a second
 * admin account and approve their own request. Each of them must have been made admin by the
 * server (CLI, SSO role mapping) or at least 7 days ago by another admin, and the approver must
 * not have been created, invited or made admin by the admin who asked.
 */
@Injectable()
export class RevealIndependence {
  constructor(
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async assertMayRequest(admin: AuthUser, now: Date): Promise<void> {
    const problem = standing(await this.users.findById(admin.id), now, admin.timeZone);
    if (problem)
      throw new RevealApproverNotIndependentError(
        `You cannot ask for a reveal: you were ${problem.was}.`,
        problem.reason,
        problem.eligibleFrom,
      );
  }

  async assertMayApprove(approver: AuthUser, requesterId: string, now: Date): Promise<void> {
    const [account, requester] = await Promise.all([
      this.users.findById(approver.id),
      this.users.findById(requesterId),
    ]);
    const refuse = (why: string, reason: RevealDependence, eligibleFrom?: Date) =>
      new RevealApproverNotIndependentError(`You cannot approve this reveal: ${why}.`, reason, eligibleFrom);

    if (account?.createdBy === requesterId)
      throw refuse('your account was created by the admin who asked for it', 'created_by_requester');
    if (
      account?.adminBy === requesterId ||
      (await this.audit.hasEntry({ actorId: requesterId, action: MADE_ADMIN, targetId: approver.id }))
    ) {
      throw refuse('you were made admin by the admin who asked for it', 'made_admin_by_requester');
    }
    if (await this.users.invitedBy(approver.id, requesterId))
      throw refuse('you were invited by the admin who asked for it', 'invited_by_requester');

    const own = standing(account, now, approver.timeZone);
    if (own) throw refuse(`you were ${own.was}`, own.reason, own.eligibleFrom);
    const theirs = standing(requester, now, approver.timeZone);
    if (theirs) throw refuse(`the admin who asked was ${theirs.was}`, theirs.reason, theirs.eligibleFrom);
  }
}

function standing(user: UserEntity | null, now: Date, timeZone: string): Standing | null {
  if (!user || user.role !== Role.Admin || !user.active)
    return { reason: 'not_an_active_admin', was: 'deactivated or is no longer an admin' };
  if (user.adminVia === AdminGrantedVia.Cli || user.adminVia === AdminGrantedVia.Sso) return null;
  if (user.adminVia !== AdminGrantedVia.Admin || !user.adminSince)
    return { reason: 'provenance_unknown', was: 'made admin in a way that is not recorded' };
  const eligibleFrom = new Date(user.adminSince.getTime() + WAITING_MS);
  if (eligibleFrom <= now) return null;
  return {
    reason: 'recently_made_admin',
    was: `made admin less than ${REVEAL_WAITING_DAYS} days ago by another admin (${formatInZone(user.adminSince, timeZone)}); reveals are open from ${formatInZone(eligibleFrom, timeZone)}`,
    eligibleFrom,
  };
}
