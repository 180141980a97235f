import { Injectable } from '@nestjs/common';
import { SettingsRepository } from './settings.repository';
import { ProgrammeSettings, SETTING_KEYS } from './settings.types';

@Injectable()
export class SettingsService {
  constructor(private readonly settingsRepository: SettingsRepository) {}

  async update(settings: ProgrammeSettings): Promise<ProgrammeSettings> {
    const values: Partial<Record<keyof ProgrammeSettings, unknown>> = {};
    for (const key of SETTING_KEYS) values[key] = settings[key];
    await this.settingsRepository.saveAll(values, new Date());
    return this.get();
  }

  async get(): Promise<ProgrammeSettings> {
    const rows = await this.settingsRepository.findAll();
    const values = new Map(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
    const settings = {} as Record<keyof ProgrammeSettings, unknown>;
    for (const key of SETTING_KEYS) {
      if (!values.has(key)) throw new Error(`Setting "${key}" is missing; run the migrations`);
      settings[key] = values.get(key);
    }
    return settings as unknown as ProgrammeSettings;
  }
}
