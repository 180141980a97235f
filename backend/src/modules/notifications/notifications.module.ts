import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { MailService } from './mail.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { RemindersJob } from './reminders.job';

@Module({
  imports: [UsersModule, SessionsModule, EventsModule],
  controllers: [NotificationsController],
  providers: [NotificationsRepository, NotificationsService, MailService, RemindersJob],
  exports: [NotificationsService, MailService],
})
export class NotificationsModule {}
