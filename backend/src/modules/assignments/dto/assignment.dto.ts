import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination';
import { UserSummaryDto } from '../../users/user.dto';

export class CreateAssignmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  studentId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  mentorId!: string;
}

export class AssignmentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  studentId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  mentorId?: string;
}

export class AssignmentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: UserSummaryDto })
  student!: UserSummaryDto;

  @ApiProperty({ type: UserSummaryDto })
  mentor!: UserSummaryDto;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class AssignmentPageDto {
  @ApiProperty({ type: [AssignmentDto] })
  items!: AssignmentDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class MyMentorDto {
  @ApiProperty({ format: 'uuid' })
  assignmentId!: string;

  @ApiProperty({ type: UserSummaryDto })
  mentor!: UserSummaryDto;
}

export class MyStudentDto {
  @ApiProperty({ format: 'uuid' })
  assignmentId!: string;

  @ApiProperty({ type: UserSummaryDto })
  student!: UserSummaryDto;
}
