import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorFunction, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../../common/decorators/public.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { ShutdownState } from '../../common/http/graceful-shutdown';
import { HealthDto } from './health.dto';
import { RedisHealthIndicator } from './redis.health';

/** The instance is draining before it stops: send new requests elsewhere. */
export class ShuttingDownError extends DomainError {
  readonly code = 'SHUTTING_DOWN';
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;

  constructor() {
    super('This instance is shutting down.');
  }
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly shutdown: ShutdownState,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @ApiOkResponse({ type: HealthDto })
  live(): HealthDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Readiness: the database (and Redis when configured) answer' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({
    description:
      'A dependency is down (problem+json with `checks`), or the instance is shutting down (`SHUTTING_DOWN`)',
  })
  async ready(): Promise<HealthDto> {
    if (this.shutdown.draining) throw new ShuttingDownError();
    const checks: HealthIndicatorFunction[] = [() => this.database.pingCheck('database', { timeout: 1500 })];
    if (this.redis.configured) checks.push(() => this.redis.check('redis'));
    const result = await this.health.check(checks);
    return { status: 'ok', checks: result.details };
  }
}
