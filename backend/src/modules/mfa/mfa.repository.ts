import { Injectable } from '@nestjs/common';
import { Db } from '../../database/db';
import { sql } from '../../database/sql';
import { MfaChallengeEntity, MfaRecoveryCodeEntity, UserMfaEntity } from './mfa.entities';

@Injectable()
export class MfaRepository {
  constructor(private readonly db: Db) {}

  find(userId: string): Promise<UserMfaEntity | null> {
    return this.db.one(
      UserMfaEntity,
      sql`SELECT ${this.db.columns(UserMfaEntity, 'm')} FROM user_mfa m WHERE m.user_id = ${userId}`,
    );
  }

  /** A new pending enrolment replaces an earlier unconfirmed one (never a confirmed one). */
  async replacePending(row: UserMfaEntity): Promise<boolean> {
    await this.db.run(sql`DELETE FROM user_mfa WHERE user_id = ${row.userId} AND enabled_at IS NULL`);
    if (await this.find(row.userId)) return false;
    await this.db.insert(UserMfaEntity, [row]);
    return true;
  }

  /** Confirms a pending enrolment; the step of the confirming code counts as used. */
  async enable(userId: string, step: number, now: Date): Promise<boolean> {
    const changed = await this.db.run(
      sql`UPDATE user_mfa
        SET enabled_at = ${now}, last_used_step = ${step}, failed_attempts = 0, locked_until = NULL, updated_at = ${now}
        WHERE user_id = ${userId} AND enabled_at IS NULL`,
    );
    return changed === 1;
  }

  /** Replay protection in one conditional UPDATE: a step is accepted once, and only if newer than the last. */
  async claimStep(userId: string, step: number, now: Date): Promise<boolean> {
    const changed = await this.db.run(
      sql`UPDATE user_mfa SET last_used_step = ${step}, failed_attempts = 0, locked_until = NULL, updated_at = ${now}
        WHERE user_id = ${userId} AND enabled_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < ${step})`,
    );
    return changed === 1;
  }

  async resetFailures(userId: string, now: Date): Promise<void> {
    await this.db.run(
      sql`UPDATE user_mfa SET failed_attempts = 0, locked_until = NULL, updated_at = ${now} WHERE user_id = ${userId}`,
    );
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
  ): Promise<{ taken: boolean; locks: boolean }> {
    const taken = await this.db.run(
      sql`UPDATE user_mfa SET failed_attempts = failed_attempts + 1
        WHERE user_id = ${userId} AND enabled_at IS NOT NULL AND (locked_until IS NULL OR locked_until <= ${now})`,
    );
    if (taken !== 1) return { taken: false, locks: false };
    // The row is this transaction's until it ends (MySQL row lock; SQLite writers take turns).
    const locked = await this.db.run(
      sql`UPDATE user_mfa SET locked_until = ${lockUntil} WHERE user_id = ${userId} AND failed_attempts % ${every} = 0`,
    );
    return { taken: true, locks: locked === 1 };
  }

  async remove(userId: string): Promise<void> {
    await this.db.run(sql`DELETE FROM mfa_recovery_codes WHERE user_id = ${userId}`);
    await this.db.run(sql`DELETE FROM user_mfa WHERE user_id = ${userId}`);
  }

  async replaceRecoveryCodes(userId: string, codes: MfaRecoveryCodeEntity[]): Promise<void> {
    await this.db.run(sql`DELETE FROM mfa_recovery_codes WHERE user_id = ${userId}`);
    await this.db.insert(MfaRecoveryCodeEntity, codes);
  }

  /** Single use: only the caller whose UPDATE changed the row may sign in with it. */
  async useRecoveryCode(userId: string, codeHash: string, now: Date): Promise<boolean> {
    const changed = await this.db.run(
      sql`UPDATE mfa_recovery_codes SET used_at = ${now}
        WHERE user_id = ${userId} AND code_hash = ${codeHash} AND used_at IS NULL`,
    );
    return changed === 1;
  }

  async countUnusedRecoveryCodes(userId: string): Promise<number> {
    const [row] = await this.db.rows<{ n: number | string }>(
      sql`SELECT COUNT(*) AS n FROM mfa_recovery_codes c WHERE c.user_id = ${userId} AND c.used_at IS NULL`,
    );
    return Number(row.n);
  }

  async insertChallenge(challenge: MfaChallengeEntity): Promise<void> {
    await this.db.run(
      sql`DELETE FROM mfa_challenges WHERE user_id = ${challenge.userId} AND expires_at < ${challenge.createdAt}`,
    );
    await this.db.insert(MfaChallengeEntity, [challenge]);
  }

  findChallenge(tokenHash: string): Promise<MfaChallengeEntity | null> {
    return this.db.one(
      MfaChallengeEntity,
      sql`SELECT ${this.db.columns(MfaChallengeEntity, 'c')} FROM mfa_challenges c WHERE c.token_hash = ${tokenHash}`,
    );
  }

  async failChallenge(tokenHash: string): Promise<void> {
    await this.db.run(
      sql`UPDATE mfa_challenges SET failed_attempts = failed_attempts + 1 WHERE token_hash = ${tokenHash}`,
    );
  }

  /** Single use: the conditional UPDATE lets exactly one request finish a challenge. */
  async claimChallenge(tokenHash: string, maxFailures: number, now: Date): Promise<boolean> {
    const changed = await this.db.run(
      sql`UPDATE mfa_challenges SET used_at = ${now}
        WHERE token_hash = ${tokenHash} AND used_at IS NULL AND expires_at > ${now} AND failed_attempts < ${maxFailures}`,
    );
    return changed === 1;
  }

  /**
   * Takes one of a live challenge's tries before its code is compared (false when it is used,
   * expired or out of tries): however many codes arrive at once, at most `maxAttempts` are checked.
   */
  async takeChallengeAttempt(tokenHash: string, maxAttempts: number, now: Date): Promise<boolean> {
    const changed = await this.db.run(
      sql`UPDATE mfa_challenges SET failed_attempts = failed_attempts + 1
        WHERE token_hash = ${tokenHash} AND used_at IS NULL AND expires_at > ${now} AND failed_attempts < ${maxAttempts}`,
    );
    return changed === 1;
  }

  /** Spends a challenge whose code was right; that try was not a failure. */
  async finishChallenge(tokenHash: string, now: Date): Promise<boolean> {
    const changed = await this.db.run(
      sql`UPDATE mfa_challenges SET used_at = ${now}, failed_attempts = failed_attempts - 1
        WHERE token_hash = ${tokenHash} AND used_at IS NULL`,
    );
    return changed === 1;
  }
}
