import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Role } from './role';

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

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
