import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { Authenticated } from '../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { QuotaGuarded } from '../quota/quota.guard';
import { Role } from '../../common/auth/role';
import {
  CancelSessionDto,
  CreateSessionDto,
  SessionDto,
  SessionPageDto,
  SessionQueryDto,
  UpdateSessionDto,
} from './dto/session.dto';
import { SessionsService } from './sessions.service';

@ApiTags('sessions')
@Controller('sessions')
export class SessionsController {
  constructor(private readonly sessionsService: SessionsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'My sessions in a range (admins: all, with mentor/student filters), by start time' })
  @ApiOkResponse({ type: SessionPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: SessionQueryDto): Promise<SessionPageDto> {
    return this.sessionsService.list(user, query);
  }

  @Post()
  @Authenticated(Role.Mentor)
  @QuotaGuarded('body')
  @ApiOperation({ summary: 'Schedule a session with an assigned student (mentor)' })
  @ApiCreatedResponse({ type: SessionDto })
  @ApiConflictResponse({ description: 'SCHEDULE_CONFLICT naming the clash' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateSessionDto): Promise<SessionDto> {
    return this.sessionsService.create(user, dto);
  }

  @Get(':id')
  @Authenticated()
  @ApiOkResponse({ type: SessionDto })
  @ApiNotFoundResponse()
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<SessionDto> {
    return this.sessionsService.get(user, id);
  }

  @Patch(':id')
  @Authenticated(Role.Mentor)
  @ApiOperation({ summary: 'Reschedule or edit details and private notes (mentor)' })
  @ApiOkResponse({ type: SessionDto })
  @ApiConflictResponse({ description: 'SCHEDULE_CONFLICT or SESSION_NOT_MODIFIABLE' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: UpdateSessionDto,
  ): Promise<SessionDto> {
    return this.sessionsService.update(user, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Authenticated(Role.Mentor, Role.Student)
  @ApiOperation({ summary: 'Cancel with a reason (mentor or student); quota refunded per the cancellation window' })
  @ApiOkResponse({ type: SessionDto })
  cancel(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: CancelSessionDto,
  ): Promise<SessionDto> {
    return this.sessionsService.cancel(user, id, dto);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Authenticated(Role.Mentor)
  @ApiOperation({ summary: 'Mark as held (mentor, after the start)' })
  @ApiOkResponse({ type: SessionDto })
  complete(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<SessionDto> {
    return this.sessionsService.complete(user, id);
  }

  @Post(':id/no-show')
  @HttpCode(200)
  @Authenticated(Role.Mentor)
  @ApiOperation({ summary: 'Mark that the student did not come (mentor, after the start)' })
  @ApiOkResponse({ type: SessionDto })
  noShow(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<SessionDto> {
    return this.sessionsService.markNoShow(user, id);
  }
}
