import { Inject, Injectable } from '@nestjs/common';
import { createHmac, hkdfSync } from 'node:crypto';
import { hashToken } from '../../common/crypto';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';
import { SessionsService } from '../sessions/sessions.service';
import { UsersService } from '../users/users.service';
import { buildCalendar } from './ics';

const PAST_DAYS = 90;
const FUTURE_DAYS = 400;
const FEED_LIMIT = 2000;

/**
 * Private calendar feed URLs. The token is derived (HMAC of the user id and a feed version), so
 * the URL can be shown again at any time, and only its hash is stored for look-ups. Rotating bumps
 * the version: the old URL stops working at once. A password change or reset and "sign out
 * everywhere" bump it too (the users module's `endEverySession`).
 */
@Injectable()
export class CalendarFeedService {
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', config.jwtSecret, 'peerpals', 'calendar-feed', 32));
  }

  async url(userId: string): Promise<string> {
    const row = await this.users.calendarFeedState(userId);
    const token = this.token(userId, row?.feedVersion ?? 0);
    if (row && row.feedTokenHash !== hashToken(token))
      await this.users.setCalendarFeedTokenHash(userId, hashToken(token));
    return this.urlFor(token);
  }

  async rotate(userId: string): Promise<string> {
    await this.users.rotateCalendarFeed(userId);
    return this.url(userId);
  }

  /** The ICS document for a feed token, or null when the token is unknown or rotated. */
  async render(token: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const user = await this.users.findByCalendarFeedTokenHash(hashToken(token));
    if (!user) return null;
    const now = Date.now();
    const sessions = await this.sessions.listOfParticipant(
      user.id,
      new Date(now - PAST_DAYS * 86_400_000),
      new Date(now + FUTURE_DAYS * 86_400_000),
      FEED_LIMIT,
    );
    return buildCalendar(
      sessions.map((s) => ({
        ...s,
        counterpartName: s.mentorId === user.id ? s.student.displayName : s.mentor.displayName,
      })),
      { name: 'PeerPals sessions' },
    );
  }

  private token(userId: string, version: number): string {
    return createHmac('sha256', this.key).update(`${userId}:${version}`).digest('base64url');
  }

  private urlFor(token: string): string {
    return `${this.config.publicUrl}/api/v1/calendar/${token}.ics`;
  }
}
