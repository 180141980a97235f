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
    await manager
      .createQueryBuilder()
      .delete()
      .from(UserMfaEntity)
      .where('user_id = :userId AND enabled_at IS NULL', { userId: row.userId })
      .execute();
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
      .where('user_id = :userId AND enabled_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < :step)', {
        userId,
        step,
      })
      .execute();
    return result.affected === 1;
  }

  async resetFailures(userId: string, now: Date, manager: EntityManager): Promise<void> {
    await manager
      .getRepository(UserMfaEntity)
      .update({ userId }, { failedAttempts: 0, lockedUntil: null, updatedAt: now });
  }

  /**
   * Takes one code attempt for the account before the code is compared, unless code entry is
   * locked: a conditional UPDATE, so concurrent guesses are counted one by one, never against the
   * same stale count. Every `every`-th attempt in a row locks code entry until `lockUntil`; a right
   * code then clears the count and the lock again (claimStep, resetFailures).
   */
  async takeAttempt(
    userId: string,
    every: number,
    now: Date,
    lockUntil: Date,
    manager: EntityManager,
  ): Promise<{ taken: boolean; locks: boolean }> {
    const taken = await manager
      .createQueryBuilder()
      .update(UserMfaEntity)
      .set({ failedAttempts: () => 'failed_attempts + 1' })
      .where('user_id = :userId AND enabled_at IS NOT NULL AND (locked_until IS NULL OR locked_until <= :now)', {
        userId,
        now,
      })
      .execute();
    if (taken.affected !== 1) return { taken: false, locks: false };
    // The row is this transaction's until it ends (MySQL row lock; SQLite writers take turns).
    const locked = await manager
      .createQueryBuilder()
      .update(UserMfaEntity)
      .set({ lockedUntil: lockUntil })
      .where('user_id = :userId AND failed_attempts % :every = 0', { userId, every })
      .execute();
    return { taken: true, locks: locked.affected === 1 };
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
    return (manager ?? this.repository.manager)
      .getRepository(MfaRecoveryCodeEntity)
      .createQueryBuilder('c')
      .where('c.user_id = :userId AND c.used_at IS NULL', { userId })
      .getCount();
  }

  async insertChallenge(challenge: MfaChallengeEntity, manager: EntityManager): Promise<void> {
    await manager
      .createQueryBuilder()
      .delete()
      .from(MfaChallengeEntity)
      .where('user_id = :userId AND expires_at < :now', { userId: challenge.userId, now: challenge.createdAt })
      .execute();
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
      .where('token_hash = :tokenHash AND used_at IS NULL AND expires_at > :now AND failed_attempts < :maxFailures', {
        tokenHash,
        now,
        maxFailures,
      })
      .execute();
    return result.affected === 1;
  }

  /**
   * Takes one of a live challenge's tries before its code is compared (false when it is used,
   * expired or out of tries): however many codes arrive at once, at most `maxAttempts` are checked.
   */
  async takeChallengeAttempt(
    tokenHash: string,
    maxAttempts: number,
    now: Date,
    manager: EntityManager,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(MfaChallengeEntity)
      .set({ failedAttempts: () => 'failed_attempts + 1' })
      .where('token_hash = :tokenHash AND used_at IS NULL AND expires_at > :now AND failed_attempts < :maxAttempts', {
        tokenHash,
        now,
        maxAttempts,
      })
      .execute();
    return result.affected === 1;
  }

  /** Spends a challenge whose code was right; that try was not a failure. */
  async finishChallenge(tokenHash: string, now: Date, manager: EntityManager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(MfaChallengeEntity)
      .set({ usedAt: now, failedAttempts: () => 'failed_attempts - 1' })
      .where('token_hash = :tokenHash AND used_at IS NULL', { tokenHash })
      .execute();
    return result.affected === 1;
  }

  async installationKey(): Promise<string> {
    const row = await this.repository.manager.getRepository(SettingEntity).findOne({ where: { key: 'mfaSecretKey' } });
    if (!row) throw new Error('Setting "mfaSecretKey" is missing; run the migrations');
    return JSON.parse(row.value) as string;
  }
}
