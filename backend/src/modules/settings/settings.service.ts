import { Injectable } from '@nestjs/common';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import type { AuthUser } from '../../common/auth/auth-user';
import { AuditService } from '../audit/audit.service';
import { SettingsRepository } from './settings.repository';
import { ProgrammeSettings, SETTING_KEYS } from './settings.types';

/**
 * How long a settings read outside a transaction may be reused. Requests read the settings on every
 * booking and quota check; a change made here is seen at once, one made on another instance within
 * this time. Reads inside a transaction (the atomic quota and refund rules) always go to the database.
 */
const CACHE_MS = 5_000;

@Injectable()
export class SettingsService {
  private cached?: { at: number; settings: Promise<ProgrammeSettings> };

  constructor(
    private readonly settingsRepository: SettingsRepository,
    private readonly audit: AuditService,
    private readonly txHost: TransactionHost,
  ) {}

  /** Settings missing from `update` keep their current value. */
  async update(actor: AuthUser, update: Partial<ProgrammeSettings>): Promise<ProgrammeSettings> {
    const before = await this.get();
    const settings = {
      ...before,
      ...Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined)),
    } as ProgrammeSettings;
    const changes: Record<string, unknown> = {};
    for (const key of SETTING_KEYS) {
      if (settings[key] !== before[key]) changes[key] = { from: before[key], to: settings[key] };
    }
    this.cached = undefined;
    await this.store(actor, changes, Object.fromEntries(SETTING_KEYS.map((k) => [k, settings[k]])));
    this.cached = undefined;
    return this.get();
  }

  @Transactional()
  private async store(
    actor: AuthUser,
    changes: Record<string, unknown>,
    values: Record<string, unknown>,
  ): Promise<void> {
    await this.settingsRepository.saveAll(changes, values, new Date());
    await this.audit.record({
      actorId: actor.id,
      action: 'settings.updated',
      targetType: 'settings',
      details: changes,
    });
  }

  /** The installation's key for discussion pseudonyms (created by a migration, never shown). */
  pseudonymSecret(): Promise<string> {
    return this.secret('pseudonymSecret');
  }

  /** The installation's key that seals TOTP secrets at rest (created by a migration, never shown). */
  mfaSecretKey(): Promise<string> {
    return this.secret('mfaSecretKey');
  }

  /**
   * Reads inside a transaction go to the database, on the transaction's connection (the atomic
   * quota and refund rules need the current values; a second pool connection there can starve the
   * pool); other reads may reuse a recent one.
   */
  get(): Promise<ProgrammeSettings> {
    if (this.txHost.isTransactionActive()) return this.load();
    const now = Date.now();
    if (!this.cached || now - this.cached.at > CACHE_MS) {
      const settings = this.load();
      this.cached = { at: now, settings };
      settings.catch(() => {
        if (this.cached?.settings === settings) this.cached = undefined;
      });
    }
    return this.cached.settings;
  }

  private async secret(key: 'pseudonymSecret' | 'mfaSecretKey'): Promise<string> {
    const value = await this.settingsRepository.findValue(key);
    if (value === null) throw new Error(`Setting "${key}" is missing; run the migrations`);
    return JSON.parse(value) as string;
  }

  private async load(): Promise<ProgrammeSettings> {
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
