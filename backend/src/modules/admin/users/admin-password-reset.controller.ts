import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../common/auth/auth-user';
import { Authenticated } from '../../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../../common/decorators/current-user.decorator';
import { ParseIdPipe } from '../../../common/pipes/parse-id.pipe';
import { Role } from '../../../common/auth/role';
import { PasswordResetSentDto } from '../../auth/dto/auth.dto';
import { PasswordResetService } from '../../auth/password-reset.service';

@ApiTags('admin')
@Authenticated(Role.Admin)
@Controller('admin/users')
export class AdminPasswordResetController {
  constructor(private readonly passwordResets: PasswordResetService) {}

  @Post(':id/password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary: "E-mail a password reset link to the person's own address (audited; the link is never shown to the admin)",
  })
  @ApiAcceptedResponse({ type: PasswordResetSentDto })
  @ApiConflictResponse({
    description:
      'PASSWORD_RESET_NOT_ALLOWED (no password yet: re-send the invitation; or deactivated), MAIL_NOT_CONFIGURED',
  })
  @ApiNotFoundResponse()
  async send(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<PasswordResetSentDto> {
    const { sentTo, expiresAt } = await this.passwordResets.sendByAdmin(actor, id);
    return { sentTo, expiresAt: expiresAt.toISOString() };
  }
}
