import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { TransactionRunner } from '../../database/transaction-runner';
import { AuditService } from '../audit/audit.service';
import { SettingsRepository } from './settings.repository';
import { ProgrammeSettings, SETTING_KEYS } from './settings.types';

@Injectable()
export class SettingsService {
  constructor(
    private readonly settingsRepository: SettingsRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  async update(actor: AuthUser, settings: ProgrammeSettings): Promise<ProgrammeSettings> {
    const before = await this.get();
    const changes: Record<string, unknown> = {};
    for (const key of SETTING_KEYS) {
      if (settings[key] !== before[key]) changes[key] = { from: before[key], to: settings[key] };
    }
    await this.transactions.run(async (manager) => {
      await this.settingsRepository.saveAll(changes, Object.fromEntries(SETTING_KEYS.map((k) => [k, settings[k]])), new Date(), manager);
      await this.audit.record({ actorId: actor.id, action: 'settings.updated', targetType: 'settings', details: changes }, manager);
    });
    return this.get();
  }

  /** The installation's key for discussion pseudonyms (created by a migration, never shown). */
  async pseudonymSecret(): Promise<string> {
    const row = (await this.settingsRepository.findAll()).find((r) => r.key === 'pseudonymSecret');
    if (!row) throw new Error('Setting "pseudonymSecret" is missing; run the migrations');
    return JSON.parse(row.value) as string;
  }

  /** Inside a transaction pass its manager: a second pool connection there can starve the pool. */
  async get(manager?: EntityManager): Promise<ProgrammeSettings> {
    const rows = await this.settingsRepository.findAll(manager);
    const values = new Map(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
    const settings = {} as Record<keyof ProgrammeSettings, unknown>;
    for (const key of SETTING_KEYS) {
      if (!values.has(key)) throw new Error(`Setting "${key}" is missing; run the migrations`);
      settings[key] = values.get(key);
    }
    return settings as unknown as ProgrammeSettings;
  }
}
