import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsTimeZone, Max, Min } from 'class-validator';

export class SettingsDto {
  @ApiProperty({ example: 4, minimum: 1, maximum: 31, description: 'Sessions a student may have per calendar month' })
  @IsInt()
  @Min(1)
  @Max(31)
  monthlySessionQuota!: number;

  @ApiProperty({ example: 7, minimum: 1, maximum: 60, description: 'Days after which an unanswered request expires' })
  @IsInt()
  @Min(1)
  @Max(60)
  requestExpiryDays!: number;

  @ApiProperty({
    example: 24,
    minimum: 0,
    maximum: 336,
    description: 'A student cancelling at least this many hours ahead gets the quota back',
  })
  @IsInt()
  @Min(0)
  @Max(336)
  cancellationWindowHours!: number;

  @ApiProperty({ example: 'Europe/London', description: 'IANA time zone in which quota months are counted' })
  @IsTimeZone()
  programmeTimeZone!: string;

  @ApiProperty({
    example: false,
    description: 'Admins must use two-step sign-in (TOTP); one without it is asked to enrol at sign-in',
  })
  @IsBoolean()
  mfaRequiredForAdmins!: boolean;
}

/** The body of PUT: a setting left out keeps its value, so older clients do not reset newer settings. */
export class UpdateSettingsDto extends OmitType(SettingsDto, ['mfaRequiredForAdmins'] as const) {
  @ApiPropertyOptional({ example: false, description: 'Admins must use two-step sign-in (TOTP); left out: unchanged' })
  @IsOptional()
  @IsBoolean()
  mfaRequiredForAdmins?: boolean;
}
