import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { SettingEntity } from './setting.entity';

@Injectable()
export class SettingsRepository {
  constructor(@InjectRepository(SettingEntity) private readonly repository: Repository<SettingEntity>) {}

  async saveAll(
    changed: Record<string, unknown>,
    values: Record<string, unknown>,
    now: Date,
    manager: EntityManager,
  ): Promise<void> {
    const rows = Object.keys(changed).map((key) => ({ key, value: JSON.stringify(values[key]), updatedAt: now }));
    if (rows.length > 0) await manager.getRepository(SettingEntity).upsert(rows, ['key']);
  }

  findAll(manager?: EntityManager): Promise<SettingEntity[]> {
    return (manager ? manager.getRepository(SettingEntity) : this.repository).find({
      select: { key: true, value: true, updatedAt: true },
    });
  }
}
