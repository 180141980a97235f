import { forwardRef, Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QuotaModule } from '../quota/quota.module';
import { SessionsModule } from '../sessions/sessions.module';
import { SettingsModule } from '../settings/settings.module';
import { UsersModule } from '../users/users.module';
import { MentoringRequestEntity } from './mentoring-request.entity';
import { MentoringRequestsController } from './mentoring-requests.controller';
import { MentoringRequestsRepository } from './mentoring-requests.repository';
import { MentoringRequestsService } from './mentoring-requests.service';
import { RequestsExpiryJob } from './requests-expiry.job';

@Module({
  imports: [
    TypeOrmModule.forFeature([MentoringRequestEntity]),
    UsersModule,
    forwardRef(() => AssignmentsModule),
    SessionsModule,
    QuotaModule,
    SettingsModule,
  ],
  controllers: [MentoringRequestsController],
  providers: [MentoringRequestsRepository, MentoringRequestsService, RequestsExpiryJob],
  exports: [MentoringRequestsService],
})
export class MentoringRequestsModule {}
