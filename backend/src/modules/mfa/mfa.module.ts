import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SettingsModule } from '../settings/settings.module';
import { UsersModule } from '../users/users.module';
import { MfaController } from './mfa.controller';
import { MfaRepository } from './mfa.repository';
import { MfaService } from './mfa.service';

@Module({
  imports: [UsersModule, SettingsModule, AuditModule],
  controllers: [MfaController],
  providers: [MfaRepository, MfaService],
  exports: [MfaService],
})
export class MfaModule {}
