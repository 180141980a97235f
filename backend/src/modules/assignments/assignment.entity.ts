import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('assignments')
export class AssignmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'student_id', type: 'varchar', length: 36 })
  studentId!: string;

  @Column({ name: 'mentor_id', type: 'varchar', length: 36 })
  mentorId!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
