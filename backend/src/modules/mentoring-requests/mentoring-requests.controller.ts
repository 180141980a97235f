import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { Authenticated } from '../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { QuotaGuarded } from '../quota/quota.guard';
import { Role } from '../../common/auth/role';
import {
  AcceptRequestDto,
  CreateRequestDto,
  DeclineRequestDto,
  MentoringRequestDto,
  RequestPageDto,
  RequestQueryDto,
} from './dto/mentoring-request.dto';
import { MentoringRequestsService } from './mentoring-requests.service';

export class AcceptedRequestDto {
  @ApiProperty({ type: MentoringRequestDto })
  request!: MentoringRequestDto;

  @ApiProperty({ format: 'uuid', description: 'The session scheduled by accepting' })
  sessionId!: string;
}

@ApiTags('mentoring-requests')
@Controller('mentoring-requests')
export class MentoringRequestsController {
  constructor(private readonly requestsService: MentoringRequestsService) {}

  @Post()
  @Authenticated(Role.Student)
  @QuotaGuarded('self')
  @ApiOperation({ summary: 'Ask an assigned mentor for a session (student; one pending request at a time)' })
  @ApiCreatedResponse({ type: MentoringRequestDto })
  @ApiForbiddenResponse({ description: 'NOT_ASSIGNED' })
  @ApiConflictResponse({ description: 'REQUEST_ALREADY_PENDING, naming the pending request' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateRequestDto): Promise<MentoringRequestDto> {
    return this.requestsService.create(user, dto);
  }

  @Get()
  @Authenticated()
  @ApiOperation({ summary: "Requests: a student's own, those addressed to a mentor, all for admins" })
  @ApiOkResponse({ type: RequestPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: RequestQueryDto): Promise<RequestPageDto> {
    return this.requestsService.list(user, query);
  }

  @Get(':id')
  @Authenticated()
  @ApiOkResponse({ type: MentoringRequestDto })
  @ApiNotFoundResponse()
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<MentoringRequestDto> {
    return this.requestsService.get(user, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Authenticated(Role.Mentor)
  @ApiOperation({ summary: 'Accept by scheduling the session (mentor)' })
  @ApiOkResponse({ type: AcceptedRequestDto })
  @ApiConflictResponse({ description: 'REQUEST_NOT_PENDING or SCHEDULE_CONFLICT' })
  accept(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: AcceptRequestDto,
  ): Promise<AcceptedRequestDto> {
    return this.requestsService.accept(user, id, dto);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Authenticated(Role.Mentor)
  @ApiOperation({ summary: 'Decline, optionally with a reason (mentor)' })
  @ApiOkResponse({ type: MentoringRequestDto })
  decline(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: DeclineRequestDto,
  ): Promise<MentoringRequestDto> {
    return this.requestsService.decline(user, id, dto);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Authenticated(Role.Student)
  @ApiOperation({ summary: 'Withdraw my pending request (student)' })
  @ApiOkResponse({ type: MentoringRequestDto })
  withdraw(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<MentoringRequestDto> {
    return this.requestsService.withdraw(user, id);
  }
}
