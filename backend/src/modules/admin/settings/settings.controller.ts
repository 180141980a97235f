import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../common/auth/auth-user';
import { Authenticated } from '../../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../../common/decorators/current-user.decorator';
import { Role } from '../../../common/auth/role';
import { SettingsDto, UpdateSettingsDto } from '../../settings/settings.dto';
import { SettingsService } from '../../settings/settings.service';

@ApiTags('admin')
@Authenticated(Role.Admin)
@Controller('admin/settings')
export class SettingsController {
  constructor(private readonly settingsService: SettingsService) {}

  @Get()
  @ApiOperation({ summary: 'Programme settings (admin)' })
  @ApiOkResponse({ type: SettingsDto })
  get(): Promise<SettingsDto> {
    return this.settingsService.get();
  }

  @Put()
  @ApiOperation({ summary: 'Change the programme settings (admin, audited)' })
  @ApiOkResponse({ type: SettingsDto })
  update(@CurrentUser() actor: AuthUser, @Body() dto: UpdateSettingsDto): Promise<SettingsDto> {
    return this.settingsService.update(actor, dto);
  }
}
