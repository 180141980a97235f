import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SettingEntity } from './setting.entity';

@Injectable()
export class SettingsRepository {
  constructor(@InjectRepository(SettingEntity) private readonly repository: Repository<SettingEntity>) {}

  async saveAll(values: Record<string, unknown>, now: Date): Promise<void> {
    const rows = Object.entries(values).map(([key, value]) => ({ key, value: JSON.stringify(value), updatedAt: now }));
    await this.repository.upsert(rows, ['key']);
  }

  findAll(): Promise<SettingEntity[]> {
    return this.repository.find({ select: { key: true, value: true, updatedAt: true } });
  }
}
