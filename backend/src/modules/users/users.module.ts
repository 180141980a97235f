import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SettingsModule } from '../settings/settings.module';
import { AdminAnnouncements } from './admin-announcements';
import { AdminUsersController } from './admin-users.controller';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService } from './invitations.service';
import { MeController } from './me.controller';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [SettingsModule, AuditModule],
  controllers: [MeController, AdminUsersController],
  providers: [
    UsersRepository,
    InvitationsRepository,
    InvitationsService,
    PasswordHasher,
    UsersService,
    AdminAnnouncements,
  ],
  // The repositories only until the other modules read users through UsersService.
  exports: [UsersService, PasswordHasher, UsersRepository, InvitationsRepository],
})
export class UsersModule {}
