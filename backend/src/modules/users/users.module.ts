import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentEntity } from '../assignments/assignment.entity';
import { AssignmentsRepository } from '../assignments/assignments.repository';
import { AuditModule } from '../audit/audit.module';
import { SettingsModule } from '../settings/settings.module';
import { AdminAnnouncements } from './admin-announcements';
import { InvitationEntity } from './invitation.entity';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService } from './invitations.service';
import { MeController } from './me.controller';
import { PasswordHasher } from './password-hasher';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, InvitationEntity, AssignmentEntity]), SettingsModule, AuditModule],
  controllers: [MeController],
  providers: [
    UsersRepository,
    InvitationsRepository,
    InvitationsService,
    PasswordHasher,
    UsersService,
    AssignmentsRepository,
    AdminAnnouncements,
  ],
  exports: [UsersRepository, InvitationsRepository, PasswordHasher, UsersService, AssignmentsRepository],
})
export class UsersModule {}
