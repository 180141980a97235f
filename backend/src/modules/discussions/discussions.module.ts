import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SettingsModule } from '../settings/settings.module';
import { UsersModule } from '../users/users.module';
import { DiscussionsController } from './discussions.controller';
import { DiscussionsRepository } from './discussions.repository';
import { DiscussionsService } from './discussions.service';
import { RevealIndependence } from './reveal-independence';

@Module({
  imports: [UsersModule, SettingsModule, AuditModule],
  controllers: [DiscussionsController],
  providers: [DiscussionsRepository, DiscussionsService, RevealIndependence],
  exports: [DiscussionsService],
})
export class DiscussionsModule {}
