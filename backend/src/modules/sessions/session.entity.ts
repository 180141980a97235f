import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum SessionStatus {
  Scheduled = 'scheduled',
  Completed = 'completed',
  Cancelled = 'cancelled',
  NoShow = 'no_show',
}

@Entity('sessions')
export class SessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'mentor_id', type: 'varchar', length: 36 })
  mentorId!: string;

  @Column({ name: 'student_id', type: 'varchar', length: 36 })
  studentId!: string;

  @Column({ name: 'request_id', type: 'varchar', length: 36, nullable: true })
  requestId!: string | null;

  @Column({ name: 'starts_at', type: 'datetime', precision: 3 })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'datetime', precision: 3 })
  endsAt!: Date;

  @Column({ type: 'varchar', length: 200, nullable: true })
  location!: string | null;

  @Column({ name: 'meeting_url', type: 'varchar', length: 500, nullable: true })
  meetingUrl!: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  agenda!: string | null;

  @Column({ name: 'mentor_notes', type: 'varchar', length: 4000, nullable: true })
  mentorNotes!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: SessionStatus;

  /** The quota month this session is counted in; NULL once it no longer counts. */
  @Column({ name: 'quota_month', type: 'varchar', length: 7, nullable: true })
  quotaMonth!: string | null;

  @Column({ name: 'cancelled_by', type: 'varchar', length: 16, nullable: true })
  cancelledBy!: 'mentor' | 'student' | 'admin' | null;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 500, nullable: true })
  cancelReason!: string | null;

  @Column({ name: 'cancelled_at', type: 'datetime', precision: 3, nullable: true })
  cancelledAt!: Date | null;

  /** Bumped on every change, for calendar clients (ICS SEQUENCE). */
  @Column({ type: 'int', default: 0 })
  sequence!: number;

  /** Claimed by exactly one reminder run (conditional UPDATE); cleared when the session moves. */
  @Column({ name: 'reminder_sent_at', type: 'datetime', precision: 3, nullable: true })
  reminderSentAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
