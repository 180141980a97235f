import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { QuotaModule } from '../quota/quota.module';
import { SettingsModule } from '../settings/settings.module';
import { UsersModule } from '../users/users.module';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

@Module({
  imports: [UsersModule, QuotaModule, SettingsModule, AssignmentsModule],
  controllers: [SessionsController],
  providers: [SessionsRepository, SessionsService],
  exports: [SessionsService],
})
export class SessionsModule {}
