import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Role } from '../../common/auth/role';
import type { UserEntity } from './user.entity';

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'ada@uni.example' })
  email!: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  displayName!: string;

  @ApiProperty({ enum: Role, enumName: 'Role' })
  role!: Role;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ example: 'Europe/London' })
  timeZone!: string;

  @ApiProperty({ type: String, nullable: true })
  bio!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Mentors: most students they take (null = no limit)' })
  mentorCapacity!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Students: monthly session quota instead of the programme default',
  })
  quotaOverride!: number | null;

  @ApiPropertyOptional({ description: 'True until the person has accepted their invitation' })
  invitationPending?: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class UserSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ enum: Role, enumName: 'Role' })
  role!: Role;

  @ApiProperty()
  timeZone!: string;

  @ApiProperty({ type: String, nullable: true })
  bio!: string | null;
}

export function toUserDto(user: UserEntity, invitationPending?: boolean): UserDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    active: user.active,
    timeZone: user.timeZone,
    bio: user.bio,
    mentorCapacity: user.mentorCapacity,
    quotaOverride: user.quotaOverride,
    ...(invitationPending === undefined ? {} : { invitationPending }),
    createdAt: user.createdAt.toISOString(),
  };
}

export function toUserSummary(
  user: Pick<UserEntity, 'id' | 'displayName' | 'email' | 'role' | 'timeZone' | 'bio'>,
): UserSummaryDto {
  return {
    id: user.id,
    displayName: user.displayName,
    email: user.email,
    role: user.role,
    timeZone: user.timeZone,
    bio: user.bio,
  };
}
