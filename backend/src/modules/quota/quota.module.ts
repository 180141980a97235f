import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { QuotaController } from './quota.controller';
import { QuotaGuard } from './quota.guard';
import { QuotaRepository } from './quota.repository';
import { QuotaService } from './quota.service';

@Module({
  imports: [SettingsModule],
  controllers: [QuotaController],
  providers: [QuotaRepository, QuotaService, QuotaGuard],
  exports: [QuotaService, QuotaGuard],
})
export class QuotaModule {}
