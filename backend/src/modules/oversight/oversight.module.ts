import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { OversightController } from './oversight.controller';
import { OversightRepository } from './oversight.repository';
import { OversightService } from './oversight.service';

@Module({
  imports: [SettingsModule],
  controllers: [OversightController],
  providers: [OversightRepository, OversightService],
})
export class OversightModule {}
