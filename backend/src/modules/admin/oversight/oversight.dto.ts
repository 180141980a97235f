import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';

/** Counts about fewer than this many people are withheld: they could single someone out. */
export const MIN_GROUP = 5;

export class SuppressibleCountDto {
  @ApiProperty({ type: Number, nullable: true, description: 'null when suppressed' })
  value!: number | null;

  @ApiProperty({
    description: `True when withheld: the group has between 1 and ${MIN_GROUP - 1} people, or showing it would let such a group be worked out from the total and the other figures`,
  })
  suppressed!: boolean;
}

export class WeekStatusDto {
  @ApiProperty({ format: 'date-time' })
  weekStart!: string;

  @ApiProperty()
  scheduled!: number;

  @ApiProperty()
  completed!: number;

  @ApiProperty()
  cancelled!: number;

  @ApiProperty()
  noShow!: number;
}

export class QuotaBucketDto {
  @ApiProperty({ description: 'Sessions used this month (the last bucket means "at the limit or more")' })
  used!: number;

  @ApiProperty({ type: SuppressibleCountDto })
  students!: SuppressibleCountDto;
}

export class PersonRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  displayName!: string;
}

export class OverdueRequestDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: PersonRefDto })
  student!: PersonRefDto;

  @ApiProperty({ type: PersonRefDto })
  mentor!: PersonRefDto;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class AnswerTimeDto {
  @ApiProperty({ description: 'Requests answered in the last 30 days' })
  answered!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Mean hours from request to answer (null when fewer than 5 answers)',
  })
  meanHours!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: '90th percentile in hours (null when fewer than 5 answers)',
  })
  p90Hours!: number | null;
}

export class OverviewDto {
  @ApiProperty({ format: 'date-time' })
  generatedAt!: string;

  @ApiProperty()
  pendingRequests!: number;

  @ApiProperty({ description: 'Pending for more than 72 hours' })
  pendingOver72h!: number;

  @ApiProperty({ type: [OverdueRequestDto], description: 'The oldest overdue requests, to act on' })
  overdueRequests!: OverdueRequestDto[];

  @ApiProperty({ type: WeekStatusDto, description: 'Sessions starting this week (programme time zone), by status' })
  sessionsThisWeek!: WeekStatusDto;

  @ApiProperty({ type: [WeekStatusDto], description: 'The last 8 weeks, oldest first' })
  sessionsPerWeek!: WeekStatusDto[];

  @ApiProperty({ example: '2026-11' })
  quotaMonth!: string;

  @ApiProperty({ type: [QuotaBucketDto] })
  quotaUsage!: QuotaBucketDto[];

  @ApiProperty({ type: AnswerTimeDto })
  answerTime!: AnswerTimeDto;

  @ApiProperty({ type: [PersonRefDto], description: 'Active mentors with no session held or booked since 30 days ago' })
  inactiveMentors!: PersonRefDto[];

  @ApiProperty({
    type: [PersonRefDto],
    description: 'Assigned students with no session held or booked since 30 days ago',
  })
  studentsWithoutSession!: PersonRefDto[];
}

export class SessionExportQueryDto {
  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  to!: string;
}
