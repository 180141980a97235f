import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination';
import { IsAllowedDisplayName } from '../display-name';
import { Role } from '../../../common/auth/role';
import { UserDto } from '../user.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateUserDto {
  @ApiProperty({ example: 'grace@uni.example' })
  @Transform(trim)
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Grace Hopper' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  @IsAllowedDisplayName()
  displayName!: string;

  @ApiProperty({ enum: Role, enumName: 'Role' })
  @IsEnum(Role)
  role!: Role;

  @ApiPropertyOptional({ example: 'Europe/London', description: 'IANA time zone (default: the programme time zone)' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 500 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(500)
  mentorCapacity?: number | null;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: Role, enumName: 'Role' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 500,
    description: 'null removes the limit',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(500)
  mentorCapacity?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 31,
    description: 'null uses the programme default',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(31)
  quotaOverride?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  @IsAllowedDisplayName()
  displayName?: string;
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of a name or email' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ enum: Role, enumName: 'Role' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] })
  items!: UserDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class CreatedUserDto {
  @ApiProperty({ type: UserDto })
  user!: UserDto;

  @ApiProperty({ description: 'One-time link the person opens to choose a password (valid 7 days)' })
  invitationUrl!: string;

  @ApiProperty({ format: 'date-time' })
  invitationExpiresAt!: string;
}

export class InvitationDto {
  @ApiProperty()
  invitationUrl!: string;

  @ApiProperty({ format: 'date-time' })
  invitationExpiresAt!: string;
}

export class ImportRowResultDto {
  @ApiProperty({ description: 'Line number in the file (the header is line 1)' })
  line!: number;

  @ApiProperty({ type: String, nullable: true })
  email!: string | null;

  @ApiProperty({ enum: ['created', 'error'] })
  status!: 'created' | 'error';

  @ApiPropertyOptional({ format: 'uuid' })
  userId?: string;

  @ApiPropertyOptional()
  invitationUrl?: string;

  @ApiPropertyOptional({ description: 'Why the row was not imported' })
  reason?: string;
}

export class ImportResultDto {
  @ApiProperty()
  created!: number;

  @ApiProperty()
  failed!: number;

  @ApiProperty({ type: [ImportRowResultDto] })
  rows!: ImportRowResultDto[];
}
