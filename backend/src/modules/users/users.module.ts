import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SettingsModule } from '../settings/settings.module';
import { AdminAnnouncements } from './admin-announcements';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService } from './invitations.service';
import { MeController } from './me.controller';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [SettingsModule, AuditModule],
  controllers: [MeController],
  providers: [
    UsersRepository,
    InvitationsRepository,
    InvitationsService,
    PasswordHasher,
    UsersService,
    AdminAnnouncements,
  ],
  exports: [UsersService, PasswordHasher],
})
export class UsersModule {}
