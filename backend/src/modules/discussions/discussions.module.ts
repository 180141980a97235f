import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { SettingsModule } from '../settings/settings.module';
import { UsersModule } from '../users/users.module';
import { DISCUSSION_ENTITIES } from './discussion.entities';
import { DiscussionsController } from './discussions.controller';
import { DiscussionsRepository } from './discussions.repository';
import { DiscussionsService } from './discussions.service';
import { RevealIndependence } from './reveal-independence';

@Module({
  imports: [TypeOrmModule.forFeature(DISCUSSION_ENTITIES), UsersModule, SettingsModule, AuditModule],
  controllers: [DiscussionsController],
  providers: [DiscussionsRepository, DiscussionsService, RevealIndependence],
  exports: [DiscussionsRepository, DiscussionsService],
})
export class DiscussionsModule {}
