import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One counter per student per quota month; `used` only moves by conditional UPDATEs. */
@Entity('quota_usage')
export class QuotaUsageEntity {
  @PrimaryColumn({ name: 'student_id', type: 'varchar', length: 36 })
  studentId!: string;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  month!: string;

  @Column({ type: 'int', default: 0 })
  used!: number;
}
