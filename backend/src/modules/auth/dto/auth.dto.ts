import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { UserDto } from '../../users/user.dto';

export class LoginDto {
  @ApiProperty({ example: 'student1@demo.peerpals.test' })
  @IsString()
  @MinLength(3)
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  password!: string;
}

/** A password chosen with the token of a one-time link (the policy is checked by the service). */
class LinkPasswordDto {
  @ApiProperty({ description: 'The token from the link (`?token=…`)' })
  @IsString()
  @MinLength(16)
  @MaxLength(128)
  token!: string;

  @ApiProperty({ minLength: 12, maxLength: 128 })
  @IsString()
  @MaxLength(512)
  password!: string;
}

/** The token comes from the invitation link. */
export class AcceptInvitationDto extends LinkPasswordDto {}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'student1@demo.peerpals.test' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;
}

/** The same words whether or not the address has an account. */
export class PasswordResetRequestedDto {
  @ApiProperty({
    example: 'If an account uses this address, a link to choose a new password is on its way. It works for 30 minutes.',
  })
  message!: string;
}

/** The token comes from the password-reset link. */
export class PasswordResetConfirmDto extends LinkPasswordDto {}

export class PasswordResetSentDto {
  @ApiProperty({ description: "The person's own address, where the link went (the link itself is never shown)" })
  sentTo!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

export class LogoutDto {
  @ApiPropertyOptional({ description: 'Also end every other session of this account' })
  @IsOptional()
  @IsBoolean()
  everywhere?: boolean;
}

export class AuthSessionDto {
  @ApiProperty({ description: 'Bearer token for the API (short-lived)' })
  accessToken!: string;

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expiresIn!: number;

  @ApiProperty({ type: UserDto })
  user!: UserDto;
}

/** The answer to a right password when a second step is needed: no tokens yet, only this challenge. */
export class MfaChallengeDto {
  @ApiProperty({
    description: 'A code from the authenticator app (or a recovery code) finishes the sign-in: POST /auth/mfa/verify',
  })
  mfaRequired!: boolean;

  @ApiProperty({
    description:
      'The programme requires two-step sign-in and this admin has not enrolled: POST /auth/mfa/enrolment, then /auth/mfa/enrolment/confirm',
  })
  mfaEnrolmentRequired!: boolean;

  @ApiProperty({ description: 'Single-use token for the next step' })
  challengeToken!: string;

  @ApiProperty({ description: 'Seconds until the challenge expires', example: 300 })
  expiresIn!: number;
}

export class MfaChallengeTokenDto {
  @ApiProperty({ description: 'The challengeToken from the sign-in answer' })
  @IsString()
  @MinLength(16)
  @MaxLength(128)
  challengeToken!: string;
}

export class MfaVerifyDto extends MfaChallengeTokenDto {
  @ApiProperty({
    description: 'The 6-digit code from the authenticator app, or an unused recovery code',
    example: '123456',
  })
  @IsString()
  @MinLength(6)
  @MaxLength(32)
  code!: string;
}

export class MfaEnrolledSessionDto extends AuthSessionDto {
  @ApiProperty({ type: [String], description: 'Recovery codes, shown only this once; each works one time' })
  recoveryCodes!: string[];
}
