import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { CalendarFeedService } from './calendar-feed.service';
import { CalendarController } from './calendar.controller';

@Module({
  imports: [SessionsModule],
  controllers: [CalendarController],
  providers: [CalendarFeedService],
})
export class CalendarModule {}
