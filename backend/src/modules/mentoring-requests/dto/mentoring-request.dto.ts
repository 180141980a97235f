import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination';
import { UserSummaryDto } from '../../users/user.dto';
import { ScheduleTimesDto } from '../../sessions/dto/session.dto';
import { RequestStatus } from '../mentoring-request.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateRequestDto {
  @ApiProperty({ format: 'uuid', description: 'One of my assigned mentors' })
  @IsUUID()
  mentorId!: string;

  @ApiProperty({ maxLength: 120, example: 'Preparing for my first internship interview' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'topic must not be empty' })
  @MaxLength(120)
  topic!: string;

  @ApiProperty({ maxLength: 2000 })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'message must not be empty' })
  @MaxLength(2000)
  message!: string;

  @ApiPropertyOptional({ type: [String], maxItems: 5, example: ['Tuesday afternoons', 'Friday before 11:00'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  preferredTimes?: string[];
}

export class AcceptRequestDto extends ScheduleTimesDto {}

export class DeclineRequestDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class RequestQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: RequestStatus, enumName: 'RequestStatus' })
  @IsOptional()
  @IsEnum(RequestStatus)
  status?: RequestStatus;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({
    enum: ['created', 'updated'],
    default: 'created',
    description: 'Newest first, by creation or by last change',
  })
  @IsOptional()
  @IsIn(['created', 'updated'])
  sort?: 'created' | 'updated';

  @ApiPropertyOptional({ format: 'uuid', description: 'Admins only' })
  @IsOptional()
  @IsUUID()
  mentorId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Admins only' })
  @IsOptional()
  @IsUUID()
  studentId?: string;
}

export class MentoringRequestDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: RequestStatus, enumName: 'RequestStatus' })
  status!: RequestStatus;

  @ApiProperty()
  topic!: string;

  @ApiProperty()
  message!: string;

  @ApiProperty({ type: [String] })
  preferredTimes!: string[];

  @ApiProperty({ type: UserSummaryDto })
  student!: UserSummaryDto;

  @ApiProperty({ type: UserSummaryDto })
  mentor!: UserSummaryDto;

  @ApiProperty({ type: String, nullable: true })
  declineReason!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  sessionId!: string | null;

  @ApiProperty({ format: 'date-time', description: 'When a pending request expires' })
  expiresAt!: string;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  answeredAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class RequestPageDto {
  @ApiProperty({ type: [MentoringRequestDto] })
  items!: MentoringRequestDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
