import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { newId } from '../../common/crypto';
import { DomainEvent, DomainEventBus } from '../../common/events/domain-event';
import { ValidationFailedError } from '../../common/errors/domain-error';
import { APP_CONFIG } from '../../config/config.module';
import { mapPage } from '../../database/keyset-page';
import type { AppConfig } from '../../config/env';
import { buildCalendar } from '../calendar/ics';
import { EventStream } from '../events/event-stream';
import { SessionsService } from '../sessions/sessions.service';
import { UsersService } from '../users/users.service';
import { MarkReadDto, NotificationDto, NotificationPageDto, NotificationQueryDto } from './dto/notification.dto';
import { htmlParagraphs, MailService } from './mail.service';
import { NotificationEntity } from './notification.entity';
import { emailTextFor, IN_APP_ONLY_TYPES, notificationFor, Person } from './notification-texts';
import { NotificationsRepository } from './notifications.repository';

/** Request and session state changes that admins watch live. */
const OVERSIGHT_TYPES =
  /^(request|session)\.(created|accepted|declined|withdrawn|expired|scheduled|moved|updated|cancelled|completed|no_show)$/;
const CALENDAR_METHOD: Record<string, 'REQUEST' | 'CANCEL'> = {
  'session.scheduled': 'REQUEST',
  'session.moved': 'REQUEST',
  'session.cancelled': 'CANCEL',
  'session.cancelled_by_programme': 'CANCEL',
};

export function toNotificationDto(n: NotificationEntity): NotificationDto {
  return {
    id: n.id,
    type: n.type,
    title: n.title,
    body: n.body,
    link: n.link,
    read: n.readAt !== null,
    createdAt: n.createdAt.toISOString(),
  };
}

/**
 * Turns domain events into in-app notifications (stored, then pushed on the event stream), e-mail
 * when SMTP is configured, and the admins' live oversight feed.
 */
@Injectable()
export class NotificationsService implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bus: DomainEventBus,
    private readonly notificationsRepository: NotificationsRepository,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly stream: EventStream,
    private readonly mail: MailService,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe((event) => this.handle(event));
  }

  async handle(event: DomainEvent): Promise<void> {
    if (OVERSIGHT_TYPES.test(event.type)) {
      // The feed names only the request's or session's own people; anyone else who acted stays off it.
      const actorId = event.actorId !== null && event.audience.includes(event.actorId) ? event.actorId : null;
      await this.stream.append([
        {
          channel: 'admin',
          userId: null,
          type: event.type,
          data: { type: event.type, at: event.at, actorId, subject: event.subject, state: event.data },
        },
      ]);
    }
    const recipientIds = [...new Set(event.audience)].filter((id) => id !== event.actorId);
    if (recipientIds.length === 0) return;
    const people = new Map<string, Person>(
      (await this.users.findByIds([...new Set([...event.audience, ...(event.actorId ? [event.actorId] : [])])])).map(
        (u) => [u.id, u],
      ),
    );

    const now = new Date();
    const rows: NotificationEntity[] = [];
    for (const id of recipientIds) {
      const recipient = people.get(id);
      const text = recipient ? notificationFor(event, recipient, people) : null;
      if (!text) continue;
      rows.push(
        Object.assign(new NotificationEntity(), {
          id: newId(),
          userId: id,
          ...text,
          subjectType: event.subject.type,
          subjectId: event.subject.id,
          readAt: null,
          createdAt: now,
        }),
      );
    }
    if (rows.length === 0) return;
    await this.notificationsRepository.insert(rows);
    await this.stream.append(
      rows.map((n) => ({
        channel: 'user' as const,
        userId: n.userId,
        type: 'notification',
        data: toNotificationDto(n) as unknown as Record<string, unknown>,
      })),
    );
    await this.email(event, rows, people);
  }

  async list(userId: string, query: NotificationQueryDto): Promise<NotificationPageDto> {
    const [page, unreadCount] = await Promise.all([
      this.notificationsRepository.list(
        userId,
        { limit: query.limit ?? 20, cursor: query.cursor },
        query.unreadOnly === true,
      ),
      this.notificationsRepository.unreadCount(userId),
    ]);
    return { ...mapPage(page, toNotificationDto), unreadCount };
  }

  async markRead(userId: string, dto: MarkReadDto): Promise<number> {
    if (!dto.all && (!dto.ids || dto.ids.length === 0))
      throw new ValidationFailedError([{ field: 'ids', message: 'give ids, or all: true' }]);
    await this.notificationsRepository.markRead(userId, dto.all ? 'all' : dto.ids!, new Date());
    return this.notificationsRepository.unreadCount(userId);
  }

  private async email(event: DomainEvent, rows: NotificationEntity[], people: Map<string, Person>): Promise<void> {
    const method = CALENDAR_METHOD[event.type];
    const session = method ? await this.sessions.findById(event.subject.id) : null;
    for (const row of rows) {
      if (IN_APP_ONLY_TYPES.has(row.type)) continue;
      const recipient = people.get(row.userId)!;
      const mail = emailTextFor(row);
      const link = mail.link ? `${this.config.publicUrl}${mail.link}` : this.config.publicUrl;
      const text = `${mail.title}\n\n${mail.body}\n\nOpen PeerPals: ${link}`;
      let calendar: { method: 'REQUEST' | 'CANCEL'; content: string } | undefined;
      if (session && method) {
        const counterpart = people.get(session.mentorId === recipient.id ? session.studentId : session.mentorId);
        calendar = {
          method,
          content: buildCalendar(
            [{ ...session, counterpartName: counterpart?.displayName ?? 'your mentoring partner' }],
            { name: 'PeerPals', method },
          ),
        };
      }
      await this.mail.send({
        to: recipient.email,
        subject: mail.title,
        text,
        html: `${htmlParagraphs(`${mail.title}\n\n${mail.body}`)}\n<p><a href="${link}">Open PeerPals</a></p>`,
        calendar,
      });
    }
  }
}
