import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { Authenticated } from '../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Role } from '../../common/auth/role';
import { QuotaService } from './quota.service';

export class QuotaDto {
  @ApiProperty({ example: '2026-11', description: 'Quota month (programme time zone)' })
  month!: string;

  @ApiProperty({ example: 4 })
  limit!: number;

  @ApiProperty({ example: 2 })
  used!: number;

  @ApiProperty({ example: 2 })
  remaining!: number;

  @ApiProperty({ format: 'date-time', description: 'When the next month begins' })
  resetsAt!: string;
}

@ApiTags('me')
@Controller('me/quota')
export class QuotaController {
  constructor(private readonly quotaService: QuotaService) {}

  @Get()
  @Authenticated(Role.Student)
  @ApiOperation({ summary: 'My session quota for the current month (student)' })
  @ApiOkResponse({ type: QuotaDto })
  async get(@CurrentUser() user: AuthUser): Promise<QuotaDto> {
    const status = await this.quotaService.status(user.id);
    return { ...status, resetsAt: status.resetsAt.toISOString() };
  }
}
