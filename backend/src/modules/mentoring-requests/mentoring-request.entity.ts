import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum RequestStatus {
  Pending = 'pending',
  Accepted = 'accepted',
  Declined = 'declined',
  Withdrawn = 'withdrawn',
  Expired = 'expired',
}

@Entity('mentoring_requests')
export class MentoringRequestEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'student_id', type: 'varchar', length: 36 })
  studentId!: string;

  @Column({ name: 'mentor_id', type: 'varchar', length: 36 })
  mentorId!: string;

  @Column({ type: 'varchar', length: 120 })
  topic!: string;

  @Column({ type: 'varchar', length: 2000 })
  message!: string;

  /** JSON array of short free-text slots ("Tue afternoons"). */
  @Column({ name: 'preferred_times', type: 'varchar', length: 1200, nullable: true })
  preferredTimes!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: RequestStatus;

  /** The student's id while pending, NULL otherwise; unique, so one pending request per student. */
  @Column({ name: 'pending_student_id', type: 'varchar', length: 36, nullable: true })
  pendingStudentId!: string | null;

  @Column({ name: 'decline_reason', type: 'varchar', length: 500, nullable: true })
  declineReason!: string | null;

  @Column({ name: 'session_id', type: 'varchar', length: 36, nullable: true })
  sessionId!: string | null;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ name: 'answered_at', type: 'datetime', precision: 3, nullable: true })
  answeredAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
