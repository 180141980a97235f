import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type EventChannel = 'user' | 'admin';

/** What server-sent event streams deliver; the id is the stream cursor for Last-Event-ID. */
@Entity('event_log')
export class EventLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 16 })
  channel!: EventChannel;

  /** The recipient on the user channel; NULL for the admin channel. */
  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId!: string | null;

  @Column({ type: 'varchar', length: 48 })
  type!: string;

  /** Serialised once, sent as is to every subscriber. */
  @Column({ type: 'varchar', length: 8000 })
  payload!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
