import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../../common/decorators/authenticated.decorator';
import { ValidationFailedError } from '../../../common/errors/domain-error';
import { Role } from '../../../common/auth/role';
import { OverviewDto, SessionExportQueryDto } from './oversight.dto';
import { OversightService } from './oversight.service';

const MAX_EXPORT_DAYS = 400;

@ApiTags('admin')
@Authenticated(Role.Admin)
@Controller('admin')
export class OversightController {
  constructor(private readonly oversight: OversightService) {}

  @Get('overview')
  @ApiOperation({ summary: 'Programme counters and charts; figures about fewer than 5 people are withheld' })
  @ApiOkResponse({ type: OverviewDto })
  overview(): Promise<OverviewDto> {
    return this.oversight.overview();
  }

  @Get('reports/sessions')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="peerpals-sessions.csv"')
  @ApiOperation({ summary: 'Sessions starting in a date range, as CSV' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv', schema: { type: 'string' } })
  async sessionsCsv(@Query() query: SessionExportQueryDto): Promise<string> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (to <= from || to.getTime() - from.getTime() > MAX_EXPORT_DAYS * 86_400_000) {
      throw new ValidationFailedError([
        { field: 'to', message: `to must be after from and at most ${MAX_EXPORT_DAYS} days later` },
      ]);
    }
    return this.oversight.sessionsCsv(from, to);
  }
}
