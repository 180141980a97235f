import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { DiscussionsModule } from '../discussions/discussions.module';
import { SettingsModule } from '../settings/settings.module';
import { UsersModule } from '../users/users.module';
import { AdminAssignmentsController } from './assignments/admin-assignments.controller';
import { AuditController } from './audit/audit.controller';
import { ModerationController } from './moderation/moderation.controller';
import { OversightController } from './oversight/oversight.controller';
import { OversightRepository } from './oversight/oversight.repository';
import { OversightService } from './oversight/oversight.service';
import { SettingsController } from './settings/settings.controller';
import { AdminPasswordResetController } from './users/admin-password-reset.controller';
import { AdminUsersController } from './users/admin-users.controller';

/**
 * Every route under /admin. The rules stay in the feature modules; these controllers call their
 * exported services. Oversight's read model lives here: only admins read it.
 */
@Module({
  imports: [SettingsModule, AuditModule, UsersModule, AuthModule, AssignmentsModule, DiscussionsModule],
  controllers: [
    SettingsController,
    AuditController,
    AdminUsersController,
    AdminPasswordResetController,
    AdminAssignmentsController,
    ModerationController,
    OversightController,
  ],
  providers: [OversightRepository, OversightService],
})
export class AdminModule {}
