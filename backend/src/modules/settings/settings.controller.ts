import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SettingsDto } from './settings.dto';
import { SettingsService } from './settings.service';

@ApiTags('admin')
@ApiBearerAuth('bearer')
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
  update(@Body() dto: SettingsDto): Promise<SettingsDto> {
    return this.settingsService.update(dto);
  }
}
