import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainEventBus } from '../../common/events/domain-event';
import { AuditService } from '../audit/audit.service';
import { AdminGrantedVia, MADE_ADMIN } from './admin-provenance';
import type { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

export interface NewAdmin {
  user: Pick<UserEntity, 'id' | 'displayName' | 'email'>;
  via: AdminGrantedVia;
  /** The admin who made them; null for the CLI and SSO. */
  by: Pick<AuthUser, 'id' | 'displayName'> | null;
}

export type MadeAdminData = {
  userId: string;
  displayName: string;
  email: string;
  via: AdminGrantedVia;
  byId: string | null;
  byName: string | null;
};

/**
 * Every new admin is announced to all active admins at once (the new admin and the maker
 * included), so a second admin account cannot be made quietly; the two-admin reveal relies on it.
 */
@Injectable()
export class AdminAnnouncements {
  constructor(
    private readonly usersRepository: UsersRepository,
    private readonly audit: AuditService,
    private readonly bus: DomainEventBus,
  ) {}

  /**
   * Audits each new admin in the caller's transaction and announces them once it has committed
   * (not at all if it rolls back).
   */
  async announce(made: NewAdmin[]): Promise<void> {
    if (made.length === 0) return;
    await this.audit.recordMany(
      made.map((m) => ({
        actorId: m.by?.id ?? null,
        action: MADE_ADMIN,
        targetType: 'user',
        targetId: m.user.id,
        details: { via: m.via },
      })),
    );
    const admins = await this.usersRepository.activeAdminIds();
    const at = new Date().toISOString();
    this.bus.publish(
      made.map((m) => ({
        type: MADE_ADMIN,
        at,
        // No actor, so the maker is told as well: if their account was misused, their own inbox and e-mail show it.
        actorId: null,
        audience: admins,
        subject: { type: 'user', id: m.user.id },
        data: {
          userId: m.user.id,
          displayName: m.user.displayName,
          email: m.user.email,
          via: m.via,
          byId: m.by?.id ?? null,
          byName: m.by?.displayName ?? null,
        } satisfies MadeAdminData,
      })),
    );
  }
}
