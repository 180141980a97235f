import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum PostMode {
  Normal = 'normal',
  Anonymous = 'anonymous',
}

export enum Audience {
  Community = 'community',
  Mentors = 'mentors',
}

@Entity('discussion_threads')
export class ThreadEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'author_id', type: 'varchar', length: 36 })
  authorId!: string;

  @Column({ type: 'varchar', length: 16 })
  audience!: Audience;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** Comma-separated, lower-case; discussion_thread_tags holds them for filtering. */
  @Column({ type: 'varchar', length: 400 })
  tags!: string;

  @Column({ type: 'boolean', default: false })
  locked!: boolean;

  /** Hidden by the moderators: title and posts are gone for everyone but admins (and marked for the author). */
  @Column({ type: 'boolean', default: false })
  hidden!: boolean;

  @Column({ name: 'accepted_post_id', type: 'varchar', length: 36, nullable: true })
  acceptedPostId!: string | null;

  @Column({ name: 'reply_count', type: 'int', default: 0 })
  replyCount!: number;

  @Column({ name: 'last_activity_at', type: 'datetime', precision: 3 })
  lastActivityAt!: Date;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}

@Entity('discussion_thread_tags')
export class ThreadTagEntity {
  @PrimaryColumn({ name: 'thread_id', type: 'varchar', length: 36 })
  threadId!: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  tag!: string;

  @Column({ name: 'last_activity_at', type: 'datetime', precision: 3 })
  lastActivityAt!: Date;
}

@Entity('discussion_posts')
export class PostEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'thread_id', type: 'varchar', length: 36 })
  threadId!: string;

  @Column({ name: 'author_id', type: 'varchar', length: 36 })
  authorId!: string;

  /** The thread's first message: title and tags live on the thread, its text here. */
  @Column({ name: 'is_opening', type: 'boolean', default: false })
  isOpening!: boolean;

  @Column({ type: 'varchar', length: 16 })
  mode!: PostMode;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'boolean', default: false })
  hidden!: boolean;

  @Column({ name: 'deleted_at', type: 'datetime', precision: 3, nullable: true })
  deletedAt!: Date | null;

  @Column({ name: 'edited_at', type: 'datetime', precision: 3, nullable: true })
  editedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}

@Entity('post_reports')
export class PostReportEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'post_id', type: 'varchar', length: 36 })
  postId!: string;

  @Column({ name: 'reporter_id', type: 'varchar', length: 36 })
  reporterId!: string;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: 'open' | 'resolved';

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}

@Entity('reveal_requests')
export class RevealRequestEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'post_id', type: 'varchar', length: 36 })
  postId!: string;

  @Column({ name: 'requested_by', type: 'varchar', length: 36 })
  requestedBy!: string;

  @Column({ type: 'varchar', length: 1000 })
  reason!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: 'pending' | 'approved' | 'rejected';

  @Column({ name: 'decided_by', type: 'varchar', length: 36, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}

export const DISCUSSION_ENTITIES = [ThreadEntity, ThreadTagEntity, PostEntity, PostReportEntity, RevealRequestEntity];
