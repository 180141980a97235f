import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { hashToken, newSecretToken } from '../../common/crypto';
import { UsersRepository } from '../users/users.repository';
import { StreamTicketEntity } from './stream-ticket.entity';

export const TICKET_TTL_SECONDS = 60;

/**
 * EventSource cannot send an Authorization header, so the portal trades its access token for a
 * short-lived, single-use ticket that goes in the stream URL.
 */
@Injectable()
export class StreamTicketsService {
  constructor(
    @InjectRepository(StreamTicketEntity) private readonly repository: Repository<StreamTicketEntity>,
    private readonly usersRepository: UsersRepository,
  ) {}

  async issue(user: AuthUser): Promise<string> {
    const ticket = newSecretToken();
    await this.repository.insert({
      tokenHash: hashToken(ticket),
      userId: user.id,
      tokenVersion: user.tokenVersion,
      expiresAt: new Date(Date.now() + TICKET_TTL_SECONDS * 1000),
      usedAt: null,
    });
    return ticket;
  }

  /** Single use: the conditional UPDATE lets exactly one connection redeem a ticket, and only while the account was not revoked since. */
  async redeem(ticket: string): Promise<AuthUser | null> {
    if (ticket.length > 128) return null;
    const tokenHash = hashToken(ticket);
    const now = new Date();
    const result = await this.repository
      .createQueryBuilder()
      .update(StreamTicketEntity)
      .set({ usedAt: now })
      .where('token_hash = :tokenHash AND used_at IS NULL AND expires_at > :now', { tokenHash, now })
      .execute();
    if (result.affected !== 1) return null;
    const row = await this.repository.findOne({ where: { tokenHash } });
    if (!row) return null;
    const user = await this.usersRepository.findAuthState(row.userId);
    if (!user || !user.active || user.tokenVersion !== row.tokenVersion) return null;
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      timeZone: user.timeZone,
      tokenVersion: user.tokenVersion,
    };
  }

  async prune(olderThan: Date): Promise<void> {
    await this.repository
      .createQueryBuilder()
      .delete()
      .from(StreamTicketEntity)
      .where('expires_at < :olderThan', { olderThan })
      .execute();
  }
}
