import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { AuthRateLimit } from '../../common/decorators/auth-rate-limit.decorator';
import { Authenticated } from '../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Role } from '../../common/auth/role';
import { DisableMfaDto, MfaCodeDto, MfaEnrolmentDto, MfaRecoveryCodesDto, MfaStatusDto } from './dto/mfa.dto';
import { MfaService } from './mfa.service';

@ApiTags('me')
@Authenticated(Role.Admin)
@Controller('me/mfa')
export class MfaController {
  constructor(private readonly mfaService: MfaService) {}

  @Get()
  @ApiOperation({ summary: 'Two-step sign-in status of the signed-in admin' })
  @ApiOkResponse({ type: MfaStatusDto })
  status(@CurrentUser() user: AuthUser): Promise<MfaStatusDto> {
    return this.mfaService.status(user.id);
  }

  @Post('enrolment')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Start enrolment: a new TOTP secret, its otpauth:// URI and QR code (not active until confirmed; audited)',
  })
  @ApiOkResponse({ type: MfaEnrolmentDto })
  @ApiConflictResponse({ description: 'MFA_ALREADY_ENABLED' })
  startEnrolment(@CurrentUser() user: AuthUser): Promise<MfaEnrolmentDto> {
    return this.mfaService.startEnrolment(user);
  }

  @Post('enrolment/confirm')
  @HttpCode(200)
  @AuthRateLimit()
  @ApiOperation({
    summary:
      'Confirm enrolment with a code from the app: turns two-step sign-in on and returns recovery codes, shown once (audited)',
  })
  @ApiOkResponse({ type: MfaRecoveryCodesDto })
  @ApiBadRequestResponse({ description: 'MFA_CODE_INVALID' })
  @ApiConflictResponse({ description: 'MFA_ENROLMENT_NOT_STARTED or MFA_ALREADY_ENABLED' })
  async confirmEnrolment(@CurrentUser() user: AuthUser, @Body() dto: MfaCodeDto): Promise<MfaRecoveryCodesDto> {
    return { recoveryCodes: await this.mfaService.confirmEnrolment(user.id, dto.code, 'signed-in') };
  }

  @Post('disable')
  @HttpCode(204)
  @AuthRateLimit()
  @ApiOperation({
    summary: 'Turn two-step sign-in off, with a current code, a recovery code or the password (audited)',
  })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ description: 'MFA_CODE_INVALID' })
  async disable(@CurrentUser() user: AuthUser, @Body() dto: DisableMfaDto): Promise<void> {
    await this.mfaService.disable(user.id, dto);
  }

  @Post('recovery-codes')
  @HttpCode(200)
  @AuthRateLimit()
  @ApiOperation({
    summary: 'New recovery codes for a current code from the app; the earlier codes stop working (audited)',
  })
  @ApiOkResponse({ type: MfaRecoveryCodesDto })
  @ApiBadRequestResponse({ description: 'MFA_CODE_INVALID' })
  async regenerateRecoveryCodes(@CurrentUser() user: AuthUser, @Body() dto: MfaCodeDto): Promise<MfaRecoveryCodesDto> {
    return { recoveryCodes: await this.mfaService.regenerateRecoveryCodes(user.id, dto.code) };
  }
}
