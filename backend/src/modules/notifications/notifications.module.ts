import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { MailService } from './mail.service';
import { NotificationEntity } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { RemindersJob } from './reminders.job';

@Module({
  imports: [TypeOrmModule.forFeature([NotificationEntity]), UsersModule, SessionsModule, EventsModule],
  controllers: [NotificationsController],
  providers: [NotificationsRepository, NotificationsService, MailService, RemindersJob],
  exports: [NotificationsService, MailService],
})
export class NotificationsModule {}
