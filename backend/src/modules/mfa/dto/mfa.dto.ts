import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class MfaStatusDto {
  @ApiProperty({ description: 'Two-step sign-in is on: every sign-in needs a code' })
  enabled!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  enabledAt!: string | null;

  @ApiProperty({ description: 'Unused recovery codes left' })
  recoveryCodesLeft!: number;

  @ApiProperty({ description: 'The programme requires two-step sign-in for admins' })
  requiredForAdmins!: boolean;
}

export class MfaEnrolmentDto {
  @ApiProperty({
    description: 'The shared secret (base32) for entering by hand',
    example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  })
  secret!: string;

  @ApiProperty({
    description: 'The otpauth:// URI the QR code holds',
    example: 'otpauth://totp/PeerPals:ada%40uni.example?secret=...&issuer=PeerPals',
  })
  otpauthUri!: string;

  @ApiProperty({ description: 'The QR code of the URI as an SVG data URL' })
  qrCodeDataUrl!: string;
}

export class MfaCodeDto {
  @ApiProperty({
    description: 'The 6-digit code from the authenticator app (or, where accepted, a recovery code)',
    example: '123456',
  })
  @IsString()
  @MinLength(6)
  @MaxLength(32)
  code!: string;
}

export class DisableMfaDto {
  @ApiPropertyOptional({ description: 'A current code from the authenticator app, or an unused recovery code' })
  @IsOptional()
  @IsString()
  @MinLength(6)
  @MaxLength(32)
  code?: string;

  @ApiPropertyOptional({ description: 'Or the account password' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  password?: string;
}

export class MfaRecoveryCodesDto {
  @ApiProperty({
    type: [String],
    description: 'Shown only this once; each works one time',
    example: ['abcd-efgh-jkmn-pqrs'],
  })
  recoveryCodes!: string[];
}
