import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
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

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token from the invitation link' })
  @IsString()
  @MinLength(16)
  @MaxLength(128)
  token!: string;

  @ApiProperty({ minLength: 12, maxLength: 128 })
  @IsString()
  @MaxLength(512)
  password!: string;
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
