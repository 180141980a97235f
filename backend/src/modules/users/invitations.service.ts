import { Inject, Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';
import { hashToken, newId, newSecretToken } from '../../common/crypto';
import { InvitationEntity } from './invitation.entity';
import { InvitationsRepository } from './invitations.repository';

export const INVITATION_DAYS = 7;

export interface IssuedInvitation {
  entity: InvitationEntity;
  url: string;
  expiresAt: Date;
}

@Injectable()
export class InvitationsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly invitationsRepository: InvitationsRepository,
  ) {}

  /** Builds an invitation (not yet stored); the token exists only in the returned URL. */
  build(userId: string, createdBy: string | null, now = new Date()): IssuedInvitation {
    const token = newSecretToken();
    const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
    const entity = Object.assign(new InvitationEntity(), {
      id: newId(),
      userId,
      tokenHash: hashToken(token),
      expiresAt,
      usedAt: null,
      revokedAt: null,
      createdBy,
      createdAt: now,
    });
    return { entity, url: `${this.config.publicUrl}/invitation?token=${token}`, expiresAt };
  }

  /** Re-issue: earlier open invitations stop working. */
  @Transactional()
  async reissue(userId: string, createdBy: string): Promise<IssuedInvitation> {
    const now = new Date();
    await this.invitationsRepository.revokeOpen(userId, now);
    const invitation = this.build(userId, createdBy, now);
    await this.invitationsRepository.insert([invitation.entity]);
    return invitation;
  }
}
