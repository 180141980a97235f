import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthRateLimit } from '../../common/decorators/auth-rate-limit.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { REFRESH_COOKIE } from '../../common/guards/rate-limit.guard';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';
import { REFRESH_COOKIE_PATH, REFRESH_TOKEN_TTL_DAYS } from './auth.constants';
import { AuthService, IssuedSession } from './auth.service';
import { AcceptInvitationDto, LoginDto, LogoutDto, AuthSessionDto } from './dto/auth.dto';

@ApiTags('auth')
@Public()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly authService: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @AuthRateLimit()
  @ApiOperation({ summary: 'Sign in: an access token in the body, a refresh token in an HttpOnly cookie' })
  @ApiOkResponse({ type: AuthSessionDto })
  @ApiUnauthorizedResponse({ description: 'INVALID_CREDENTIALS' })
  async login(@Body() dto: LoginDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<AuthSessionDto> {
    return this.respond(reply, await this.authService.login(dto.email, dto.password));
  }

  @Post('refresh')
  @HttpCode(200)
  @AuthRateLimit()
  @ApiOperation({ summary: 'Rotate the refresh cookie and get a new access token (a reused token ends the session family)' })
  @ApiOkResponse({ type: AuthSessionDto })
  @ApiUnauthorizedResponse({ description: 'SESSION_EXPIRED' })
  async refresh(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<AuthSessionDto> {
    try {
      return this.respond(reply, await this.authService.refresh(request.cookies[REFRESH_COOKIE]));
    } catch (error) {
      this.clearCookie(reply);
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out (this session, or with everywhere=true every session)' })
  @ApiNoContentResponse()
  async logout(@Req() request: FastifyRequest, @Body() dto: LogoutDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.authService.logout(request.cookies[REFRESH_COOKIE], dto?.everywhere === true);
    this.clearCookie(reply);
  }

  @Post('invitations/accept')
  @HttpCode(200)
  @AuthRateLimit()
  @ApiOperation({ summary: 'Choose a password with an invitation token; signs the person in' })
  @ApiOkResponse({ type: AuthSessionDto })
  @ApiBadRequestResponse({ description: 'INVITATION_INVALID or VALIDATION_FAILED (password policy)' })
  async acceptInvitation(@Body() dto: AcceptInvitationDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<AuthSessionDto> {
    return this.respond(reply, await this.authService.acceptInvitation(dto.token, dto.password));
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
    reply.clearCookie(REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure: this.config.publicUrl.startsWith('https://') });
  }
}
