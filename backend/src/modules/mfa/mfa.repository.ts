import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { insertRows } from '../../database/insert-rows';
import { SettingEntity } from '../settings/setting.entity';
import { MfaChallengeEntity, MfaRecoveryCodeEntity, UserMfaEntity } from './mfa.entities';

@Injectable()
export class MfaRepository {
  constructor(@InjectRepository(UserMfaEntity) private readonly repository: Repository<UserMfaEntity>) {}

  private mfa(manager?: EntityManager): Repository<UserMfaEntity> {
    return manager ? manager.getRepository(UserMfaEntity) : this.repository;
  }

  find(userId: string, manager?: EntityManager): Promise<UserMfaEntity | null> {
    return this.mfa(manager).findOne({ where: { userId } });
  }

  /** A new pending enrolment replaces an earlier unconfirmed one (never a confirmed one). */
  async replacePending(row: UserMfaEntity, manager: EntityManager): Promise<boolean> {
    await manager.createQueryBuilder().delete().from(UserMfaEntity).where('user_id = :userId AND enabled_at IS NULL', { userId: row.userId }).execute();
    if (await this.find(row.userId, manager)) return false;
    await insertRows(manager, UserMfaEntity, [row]);
    return true;
  }

  /** Confirms a pending enrolment; the step of the confirming code counts as used. */
  async enable(userId: string, step: number, now: Date, manager: EntityManager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(UserMfaEntity)
      .set({ enabledAt: now, lastUsedStep: step, failedAttempts: 0, lockedUntil: null, updatedAt: now })
      .where('user_id = :userId AND enabled_at IS NULL', { userId })
      .execute();
    return result.affected === 1;
  }

  /** Replay protection in one conditional UPDATE: a step is accepted once, and only if newer than the last. */
  async claimStep(userId: string, step: number, now: Date, manager: EntityManager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(UserMfaEntity)
      .set({ lastUsedStep: step, failedAttempts: 0, lockedUntil: null, updatedAt: now })
      .where('user_id = :userId AND enabled_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < :step)', { userId, step })
      .execute();
    return result.affected === 1;
  }

  async resetFailures(userId: string, now: Date, manager: EntityManager): Promise<void> {
    await manager.getRepository(UserMfaEntity).update({ userId }, { failedAttempts: 0, lockedUntil: null, updatedAt: now });
  }

  /** Counts a wrong code; every `every`-th one in a row locks code entry until `lockUntil`. */
  async recordFailure(userId: string, every: number, lockUntil: Date, manager: EntityManager): Promise<Date | null> {
    await manager
      .createQueryBuilder()
      .update(UserMfaEntity)
      .set({ failedAttempts: () => 'failed_attempts + 1' })
      .where('user_id = :userId', { userId })
      .execute();
    const row = await this.find(userId, manager);
    if (!row || row.failedAttempts % every !== 0) return null;
    await manager.getRepository(UserMfaEntity).update({ userId }, { lockedUntil: lockUntil });
    return lockUntil;
  }

  async remove(userId: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(MfaRecoveryCodeEntity).delete({ userId });
    await manager.getRepository(UserMfaEntity).delete({ userId });
  }

  async replaceRecoveryCodes(userId: string, codes: MfaRecoveryCodeEntity[], manager: EntityManager): Promise<void> {
    await manager.getRepository(MfaRecoveryCodeEntity).delete({ userId });
    await insertRows(manager, MfaRecoveryCodeEntity, codes);
  }

  /** Single use: only the caller whose UPDATE changed the row may sign in with it. */
  async useRecoveryCode(userId: string, codeHash: string, now: Date, manager: EntityManager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(MfaRecoveryCodeEntity)
      .set({ usedAt: now })
      .where('user_id = :userId AND code_hash = :codeHash AND used_at IS NULL', { userId, codeHash })
      .execute();
    return result.affected === 1;
  }

  countUnusedRecoveryCodes(userId: string, manager?: EntityManager): Promise<number> {
    return (manager ?? this.repository.manager).getRepository(MfaRecoveryCodeEntity).createQueryBuilder('c').where('c.user_id = :userId AND c.used_at IS NULL', { userId }).getCount();
  }

  async insertChallenge(challenge: MfaChallengeEntity, manager: EntityManager): Promise<void> {
    await manager.createQueryBuilder().delete().from(MfaChallengeEntity).where('user_id = :userId AND expires_at < :now', { userId: challenge.userId, now: challenge.createdAt }).execute();
    await insertRows(manager, MfaChallengeEntity, [challenge]);
  }

  findChallenge(tokenHash: string, manager: EntityManager): Promise<MfaChallengeEntity | null> {
    return manager.getRepository(MfaChallengeEntity).findOne({ where: { tokenHash } });
  }

  async failChallenge(tokenHash: string, manager: EntityManager): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(MfaChallengeEntity)
      .set({ failedAttempts: () => 'failed_attempts + 1' })
      .where('token_hash = :tokenHash', { tokenHash })
      .execute();
  }

  /** Single use: the conditional UPDATE lets exactly one request finish a challenge. */
  async claimChallenge(tokenHash: string, maxFailures: number, now: Date, manager: EntityManager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(MfaChallengeEntity)
      .set({ usedAt: now })
      .where('token_hash = :tokenHash AND used_at IS NULL AND expires_at > :now AND failed_attempts < :maxFailures', { tokenHash, now, maxFailures })
      .execute();
    return result.affected === 1;
  }

  async installationKey(): Promise<string> {
    const row = await this.repository.manager.getRepository(SettingEntity).findOne({ where: { key: 'mfaSecretKey' } });
    if (!row) throw new Error('Setting "mfaSecretKey" is missing; run the migrations');
    return JSON.parse(row.value) as string;
  }
}
