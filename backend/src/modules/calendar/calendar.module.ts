import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { CalendarFeedService } from './calendar-feed.service';
import { CalendarController } from './calendar.controller';

@Module({
  imports: [SessionsModule, UsersModule],
  controllers: [CalendarController],
  providers: [CalendarFeedService],
})
export class CalendarModule {}
