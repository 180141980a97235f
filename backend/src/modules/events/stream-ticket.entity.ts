import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('stream_tickets')
export class StreamTicketEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  /** The token version of the access token that asked for the ticket: a revocation in between spoils it. */
  @Column({ name: 'token_version', type: 'int' })
  tokenVersion!: number;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'datetime', precision: 3, nullable: true })
  usedAt!: Date | null;
}
