import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEnum,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination';
import { UserSummaryDto } from '../../users/user.dto';
import { SessionStatus } from '../session.entity';

const trimOrNull = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? (value.trim() === '' ? null : value.trim()) : value;
const ISO = { strict: true, strictSeparator: true };

export class SessionDetailsDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, example: 'Library, room 2.14' })
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(200)
  location?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, example: 'https://meet.uni.example/abc' })
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_, v) => v !== null)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true }, { message: 'meetingUrl must be an http(s) URL' })
  @MaxLength(500)
  meetingUrl?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  agenda?: string | null;
}

export class ScheduleTimesDto extends SessionDetailsDto {
  @ApiProperty({ format: 'date-time', example: '2026-12-03T14:00:00Z' })
  @IsISO8601(ISO, { message: 'startsAt must be an ISO 8601 date-time' })
  startsAt!: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-03T15:00:00Z' })
  @IsISO8601(ISO, { message: 'endsAt must be an ISO 8601 date-time' })
  endsAt!: string;
}

export class CreateSessionDto extends ScheduleTimesDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  studentId!: string;
}

export class UpdateSessionDto extends SessionDetailsDto {
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601(ISO, { message: 'startsAt must be an ISO 8601 date-time' })
  startsAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601(ISO, { message: 'endsAt must be an ISO 8601 date-time' })
  endsAt?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 4000, description: 'Private to the mentor' })
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(4000)
  mentorNotes?: string | null;
}

export class CancelSessionDto {
  @ApiProperty({ minLength: 1, maxLength: 500 })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1, { message: 'reason must not be empty' })
  @MaxLength(500)
  reason!: string;
}

export class SessionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Sessions ending after this instant' })
  @IsOptional()
  @IsISO8601(ISO)
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Sessions starting before this instant (at most 92 days after from)',
  })
  @IsOptional()
  @IsISO8601(ISO)
  to?: string;

  @ApiPropertyOptional({ enum: SessionStatus, enumName: 'SessionStatus' })
  @IsOptional()
  @IsEnum(SessionStatus)
  status?: SessionStatus;

  @ApiPropertyOptional({
    enum: ['start', 'updated'],
    default: 'start',
    description: 'By start time (ascending) or by last change (newest first)',
  })
  @IsOptional()
  @IsIn(['start', 'updated'])
  sort?: 'start' | 'updated';

  @ApiPropertyOptional({ format: 'uuid', description: 'Admins only' })
  @IsOptional()
  @IsUUID()
  mentorId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Admins only' })
  @IsOptional()
  @IsUUID()
  studentId?: string;
}

export class SessionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: SessionStatus, enumName: 'SessionStatus' })
  status!: SessionStatus;

  @ApiProperty({ format: 'date-time' })
  startsAt!: string;

  @ApiProperty({ format: 'date-time' })
  endsAt!: string;

  @ApiProperty({ type: String, nullable: true })
  location!: string | null;

  @ApiProperty({ type: String, nullable: true })
  meetingUrl!: string | null;

  @ApiProperty({ type: String, nullable: true })
  agenda!: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Only the mentor sees their notes' })
  mentorNotes?: string | null;

  @ApiProperty({ type: UserSummaryDto })
  mentor!: UserSummaryDto;

  @ApiProperty({ type: UserSummaryDto })
  student!: UserSummaryDto;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  requestId!: string | null;

  @ApiProperty({ type: String, nullable: true, enum: ['mentor', 'student', 'admin'] })
  cancelledBy!: string | null;

  @ApiProperty({ type: String, nullable: true })
  cancelReason!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  cancelledAt!: string | null;

  @ApiProperty({ description: "Whether the session counts towards the student's monthly quota" })
  countsTowardsQuota!: boolean;

  @ApiProperty({ description: 'Increases with every change' })
  sequence!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class SessionPageDto {
  @ApiProperty({ type: [SessionDto] })
  items!: SessionDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
