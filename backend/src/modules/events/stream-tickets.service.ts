import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user';
import { hashToken, newSecretToken } from '../../common/crypto';
import { UsersService } from '../users/users.service';
import { EventsRepository } from './events.repository';
import { StreamTicketEntity } from './stream-ticket.entity';

export const TICKET_TTL_SECONDS = 60;

/**
 * EventSource cannot send an Authorization header, so the portal trades its access token for a
 * short-lived, single-use ticket that goes in the stream URL.
 */
@Injectable()
export class StreamTicketsService {
  constructor(
    private readonly repository: EventsRepository,
    private readonly users: UsersService,
  ) {}

  async issue(user: AuthUser): Promise<string> {
    const ticket = newSecretToken();
    await this.repository.insertTicket(
      Object.assign(new StreamTicketEntity(), {
        tokenHash: hashToken(ticket),
        userId: user.id,
        tokenVersion: user.tokenVersion,
        expiresAt: new Date(Date.now() + TICKET_TTL_SECONDS * 1000),
        usedAt: null,
      }),
    );
    return ticket;
  }

  /** Single use: the conditional UPDATE lets exactly one connection redeem a ticket, and only while the account was not revoked since. */
  async redeem(ticket: string): Promise<AuthUser | null> {
    if (ticket.length > 128) return null;
    const tokenHash = hashToken(ticket);
    if (!(await this.repository.redeemTicket(tokenHash, new Date()))) return null;
    const row = await this.repository.findTicket(tokenHash);
    if (!row) return null;
    const user = await this.users.authState(row.userId);
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
    await this.repository.pruneTickets(olderThan);
  }
}
