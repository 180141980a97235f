import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** An iCalendar invitation (METHOD:REQUEST or CANCEL) to attach. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export function htmlParagraphs(text: string): string {
  return text
    .split('\n\n')
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** E-mail through SMTP_URL; without it, messages are written to the log (without the address). */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  private readonly transporter?: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.smtpUrl)
      this.transporter = createTransport(config.smtpUrl, {
        from: `PeerPals <no-reply@${new URL(config.publicUrl).hostname}>`,
      });
  }

  /** Whether messages leave this server (SMTP_URL is set) rather than only reaching the log. */
  get configured(): boolean {
    return this.transporter !== undefined;
  }

  async send(message: MailMessage): Promise<void> {
    if (!this.transporter) {
      this.logger.log({ subject: message.subject }, 'E-mail not sent: SMTP_URL is not configured');
      return;
    }
    try {
      await this.transporter.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        ...(message.calendar
          ? {
              icalEvent: {
                method: message.calendar.method,
                filename: 'invitation.ics',
                content: message.calendar.content,
              },
            }
          : {}),
      });
    } catch (error) {
      // Mail is best effort: the in-app notification is already stored.
      this.logger.warn(
        { err: { message: (error as Error).message }, subject: message.subject },
        'E-mail could not be sent',
      );
    }
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}
