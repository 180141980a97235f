import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AdminGrantedVia } from './admin-provenance';
import { Role } from '../../common/auth/role';

@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 120 })
  displayName!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone!: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  bio!: string | null;

  @Column({ name: 'mentor_capacity', type: 'int', nullable: true })
  mentorCapacity!: number | null;

  @Column({ name: 'quota_override', type: 'int', nullable: true })
  quotaOverride!: number | null;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true, select: false })
  passwordHash!: string | null;

  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion!: number;

  /** Bumped to revoke the calendar feed URL. */
  @Column({ name: 'feed_version', type: 'int', default: 0, select: false })
  feedVersion!: number;

  @Column({ name: 'feed_token_hash', type: 'varchar', length: 64, nullable: true, select: false })
  feedTokenHash!: string | null;

  /** The admin who created the account; null when the server made it (CLI, demo seed, SSO). */
  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy!: string | null;

  /** How, when and by whom the account became admin; all null while it is not an admin. */
  @Column({ name: 'admin_via', type: 'varchar', length: 8, nullable: true })
  adminVia!: AdminGrantedVia | null;

  @Column({ name: 'admin_since', type: 'datetime', precision: 3, nullable: true })
  adminSince!: Date | null;

  @Column({ name: 'admin_by', type: 'varchar', length: 36, nullable: true })
  adminBy!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
