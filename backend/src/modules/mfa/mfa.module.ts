import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { SettingsModule } from '../settings/settings.module';
import { UsersModule } from '../users/users.module';
import { MfaController } from './mfa.controller';
import { MFA_ENTITIES } from './mfa.entities';
import { MfaRepository } from './mfa.repository';
import { MfaService } from './mfa.service';

@Module({
  imports: [TypeOrmModule.forFeature(MFA_ENTITIES), UsersModule, SettingsModule, AuditModule],
  controllers: [MfaController],
  providers: [MfaRepository, MfaService],
  exports: [MfaService],
})
export class MfaModule {}
