import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per account that has started or finished enrolment. */
@Entity('user_mfa')
export class UserMfaEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  /** The TOTP secret, encrypted (AES-256-GCM); see mfa-secret-box.ts. */
  @Column({ name: 'secret', type: 'varchar', length: 255 })
  secret!: string;

  /** Null while enrolment is pending: the secret is not accepted for sign-in until confirmed. */
  @Column({ name: 'enabled_at', type: 'datetime', precision: 3, nullable: true })
  enabledAt!: Date | null;

  /** The last time step a code was accepted for; it and every earlier step are refused. */
  @Column({ name: 'last_used_step', type: 'int', nullable: true })
  lastUsedStep!: number | null;

  @Column({ name: 'failed_attempts', type: 'int', default: 0 })
  failedAttempts!: number;

  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

@Entity('mfa_recovery_codes')
export class MfaRecoveryCodeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  /** SHA-256 of an 80-bit random code: the codes themselves are shown once and never stored. */
  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash!: string;

  @Column({ name: 'used_at', type: 'datetime', precision: 3, nullable: true })
  usedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}

export enum MfaChallengePurpose {
  /** The password was right; a code finishes the sign-in. */
  Verify = 'verify',
  /** The password was right but the programme requires MFA: the token only allows enrolment. */
  Enrol = 'enrol',
}

/** The step between the password and the code: single use, short-lived, a few wrong codes at most. */
@Entity('mfa_challenges')
export class MfaChallengeEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 16 })
  purpose!: MfaChallengePurpose;

  /** The user's token version when issued: a password change or deactivation voids the challenge. */
  @Column({ name: 'token_version', type: 'int' })
  tokenVersion!: number;

  @Column({ name: 'failed_attempts', type: 'int', default: 0 })
  failedAttempts!: number;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'datetime', precision: 3, nullable: true })
  usedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}

export const MFA_ENTITIES = [UserMfaEntity, MfaRecoveryCodeEntity, MfaChallengeEntity];
