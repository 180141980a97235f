import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { AuthRateLimit } from '../../common/decorators/auth-rate-limit.decorator';
import { Authenticated } from '../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { ChangePasswordDto, UpdateMeDto } from './dto/me.dto';
import { UserDto } from './user.dto';
import { UsersService } from './users.service';

@ApiTags('me')
@Authenticated()
@Controller('me')
export class MeController {
  constructor(private readonly usersService: UsersService) {}

  @Get()
  @ApiOkResponse({ type: UserDto })
  get(@CurrentUser() user: AuthUser): Promise<UserDto> {
    return this.usersService.getMe(user.id);
  }

  @Patch()
  @ApiOperation({ summary: 'Change display name, time zone or bio' })
  @ApiOkResponse({ type: UserDto })
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateMeDto): Promise<UserDto> {
    return this.usersService.updateMe(user.id, dto);
  }

  @Post('password')
  @HttpCode(204)
  // Guessing the current password here must cost as much as guessing it at sign-in.
  @AuthRateLimit()
  @ApiOperation({ summary: 'Change password (needs the current one); signs out every session' })
  @ApiNoContentResponse()
  async changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.usersService.changePassword(user.id, dto);
  }
}
