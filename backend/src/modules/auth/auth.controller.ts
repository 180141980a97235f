import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthRateLimit } from '../../common/decorators/auth-rate-limit.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { SameSiteOnly } from '../../common/decorators/same-site-only.decorator';
import { REFRESH_COOKIE } from '../../common/auth/refresh-cookie';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';
import { REFRESH_COOKIE_PATH, REFRESH_TOKEN_TTL_DAYS } from './auth.constants';
import { MfaEnrolmentDto } from '../mfa/dto/mfa.dto';
import { AuthService, IssuedSession, SignInResult } from './auth.service';
import {
  AcceptInvitationDto,
  AuthSessionDto,
  LoginDto,
  LogoutDto,
  MfaChallengeDto,
  MfaChallengeTokenDto,
  MfaEnrolledSessionDto,
  MfaVerifyDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  PasswordResetRequestedDto,
} from './dto/auth.dto';
import { PasswordResetService, RESET_TOKEN_MINUTES } from './password-reset.service';

const RESET_REQUESTED = `If an account uses this address, a link to choose a new password is on its way. It works for ${RESET_TOKEN_MINUTES} minutes.`;

const SESSION_OR_CHALLENGE = {
  description: 'Tokens, or — when the account uses two-step sign-in or must enrol — a challenge for the next step',
  schema: { oneOf: [{ $ref: getSchemaPath(AuthSessionDto) }, { $ref: getSchemaPath(MfaChallengeDto) }] },
};

@ApiTags('auth')
@ApiExtraModels(AuthSessionDto, MfaChallengeDto)
@Public()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly authService: AuthService,
    private readonly passwordResets: PasswordResetService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @AuthRateLimit()
  @ApiOperation({
    summary: 'Sign in: an access token in the body, a refresh token in an HttpOnly cookie; or an MFA challenge',
  })
  @ApiOkResponse(SESSION_OR_CHALLENGE)
  @ApiUnauthorizedResponse({ description: 'INVALID_CREDENTIALS' })
  async login(
    @Body() dto: LoginDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthSessionDto | MfaChallengeDto> {
    return this.respondOrChallenge(reply, await this.authService.login(dto.email, dto.password));
  }

  @Post('mfa/verify')
  @HttpCode(200)
  @AuthRateLimit()
  @ApiOperation({
    summary: 'Second sign-in step: the challenge and a code from the authenticator app (or a recovery code, once)',
  })
  @ApiOkResponse({ type: AuthSessionDto })
  @ApiUnauthorizedResponse({ description: 'MFA_CODE_INVALID or MFA_CHALLENGE_INVALID' })
  async verifyMfa(@Body() dto: MfaVerifyDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<AuthSessionDto> {
    return this.respond(reply, await this.authService.completeMfa(dto.challengeToken, dto.code));
  }

  @Post('mfa/enrolment')
  @HttpCode(200)
  @AuthRateLimit()
  @ApiOperation({ summary: 'Enrolment the programme requires before sign-in: a new TOTP secret for the challenge' })
  @ApiOkResponse({ type: MfaEnrolmentDto })
  @ApiUnauthorizedResponse({ description: 'MFA_CHALLENGE_INVALID' })
  @ApiConflictResponse({ description: 'MFA_ALREADY_ENABLED' })
  startRequiredEnrolment(@Body() dto: MfaChallengeTokenDto): Promise<MfaEnrolmentDto> {
    return this.authService.startRequiredEnrolment(dto.challengeToken);
  }

  @Post('mfa/enrolment/confirm')
  @HttpCode(200)
  @AuthRateLimit()
  @ApiOperation({
    summary:
      'Confirm the required enrolment with a code: turns two-step sign-in on, signs in, returns recovery codes once',
  })
  @ApiOkResponse({ type: MfaEnrolledSessionDto })
  @ApiUnauthorizedResponse({ description: 'MFA_CODE_INVALID or MFA_CHALLENGE_INVALID' })
  async confirmRequiredEnrolment(
    @Body() dto: MfaVerifyDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MfaEnrolledSessionDto> {
    const { recoveryCodes, ...issued } = await this.authService.confirmRequiredEnrolment(dto.challengeToken, dto.code);
    return { ...this.respond(reply, issued), recoveryCodes };
  }

  @Post('refresh')
  @HttpCode(200)
  @AuthRateLimit()
  @SameSiteOnly()
  @ApiOperation({
    summary: 'Rotate the refresh cookie and get a new access token (a reused token ends the session family)',
  })
  @ApiOkResponse({ type: AuthSessionDto })
  @ApiUnauthorizedResponse({ description: 'SESSION_EXPIRED' })
  async refresh(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthSessionDto> {
    try {
      return this.respond(reply, await this.authService.refresh(request.cookies[REFRESH_COOKIE]));
    } catch (error) {
      this.clearCookie(reply);
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @SameSiteOnly()
  @ApiOperation({ summary: 'Sign out (this session, or with everywhere=true every session)' })
  @ApiNoContentResponse()
  async logout(
    @Req() request: FastifyRequest,
    @Body() dto: LogoutDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.authService.logout(request.cookies[REFRESH_COOKIE], dto?.everywhere === true);
    this.clearCookie(reply);
  }

  @Post('invitations/accept')
  @HttpCode(200)
  @AuthRateLimit()
  @ApiOperation({
    summary: 'Choose a password with an invitation token; signs the person in (or answers an MFA challenge)',
  })
  @ApiOkResponse(SESSION_OR_CHALLENGE)
  @ApiBadRequestResponse({ description: 'INVITATION_INVALID or VALIDATION_FAILED (password policy)' })
  async acceptInvitation(
    @Body() dto: AcceptInvitationDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthSessionDto | MfaChallengeDto> {
    return this.respondOrChallenge(reply, await this.authService.acceptInvitation(dto.token, dto.password));
  }

  @Post('password-reset')
  @HttpCode(202)
  @AuthRateLimit()
  @SameSiteOnly()
  @ApiOperation({
    summary:
      "Ask for a password reset link; it is e-mailed to the account's address. The same answer whether or not the address has an account",
  })
  @ApiAcceptedResponse({ type: PasswordResetRequestedDto })
  async requestPasswordReset(@Body() dto: PasswordResetRequestDto): Promise<PasswordResetRequestedDto> {
    await this.passwordResets.request(dto.email);
    return { message: RESET_REQUESTED };
  }

  @Post('password-reset/confirm')
  @HttpCode(204)
  @AuthRateLimit()
  @SameSiteOnly()
  @ApiOperation({
    summary: 'Choose a new password with the token from the reset link; ends every session of the account',
  })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ description: 'RESET_TOKEN_INVALID or VALIDATION_FAILED (password policy)' })
  async confirmPasswordReset(@Body() dto: PasswordResetConfirmDto): Promise<void> {
    await this.passwordResets.confirm(dto.token, dto.password);
  }

  private respondOrChallenge(reply: FastifyReply, result: SignInResult): AuthSessionDto | MfaChallengeDto {
    return 'challenge' in result ? result.challenge : this.respond(reply, result);
  }

  private respond(reply: FastifyReply, issued: IssuedSession): AuthSessionDto {
    reply.setCookie(REFRESH_COOKIE, issued.refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.publicUrl.startsWith('https://'),
      path: REFRESH_COOKIE_PATH,
      maxAge: REFRESH_TOKEN_TTL_DAYS * 86_400,
    });
    return issued.session;
  }

  private clearCookie(reply: FastifyReply): void {
    reply.clearCookie(REFRESH_COOKIE, {
      path: REFRESH_COOKIE_PATH,
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.publicUrl.startsWith('https://'),
    });
  }
}
