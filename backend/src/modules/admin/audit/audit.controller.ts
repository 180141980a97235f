import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../../common/decorators/authenticated.decorator';
import { Role } from '../../../common/auth/role';
import { AuditService } from '../../audit/audit.service';
import { AuditPageDto, AuditQueryDto } from '../../audit/dto/audit.dto';

@ApiTags('admin')
@Authenticated(Role.Admin)
@Controller('admin/audit-log')
export class AuditController {
  constructor(private readonly auditService: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Audit log of admin actions, newest first, with filters' })
  @ApiOkResponse({ type: AuditPageDto })
  list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.auditService.list(query);
  }
}
