import { Controller, Get, HttpCode, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user';
import { Authenticated } from '../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { MAX_STREAMS_PER_ACCOUNT } from './live-streams';
import { SseStreamService } from './sse-stream.service';
import { StreamAuthGuard } from './stream-auth.guard';
import { StreamTicketsService, TICKET_TTL_SECONDS } from './stream-tickets.service';

export class StreamTicketDto {
  @ApiProperty({ description: 'Single-use; pass as `GET /events?ticket=…` within a minute' })
  ticket!: string;

  @ApiProperty({ example: TICKET_TTL_SECONDS })
  expiresIn!: number;
}

export class EventsQueryDto {
  @ApiPropertyOptional({ description: 'Single-use stream ticket (for EventSource, which cannot send headers)' })
  ticket?: string;

  @ApiPropertyOptional({ description: 'Resume after this event id (same as the Last-Event-ID header)' })
  lastEventId?: string;
}

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(
    private readonly sse: SseStreamService,
    private readonly tickets: StreamTicketsService,
  ) {}

  @Post('ticket')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'A short-lived, single-use ticket to open the event stream' })
  @ApiOkResponse({ type: StreamTicketDto })
  async ticket(@CurrentUser() user: AuthUser): Promise<StreamTicketDto> {
    return { ticket: await this.tickets.issue(user), expiresIn: TICKET_TTL_SECONDS };
  }

  @Get()
  @Public()
  @UseGuards(StreamAuthGuard)
  @ApiBearerAuth('bearer')
  @ApiOperation({
    summary:
      'Server-sent events: my notifications; for admins also every request and session change. Resumes after Last-Event-ID.',
  })
  @ApiQuery({ name: 'ticket', required: false })
  @ApiQuery({ name: 'lastEventId', required: false })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: `A text/event-stream that lasts while the credential that opened it is valid: deactivation, a role or password change and signing out everywhere end it (last event \`stream.closed\` with a reason). At most ${MAX_STREAMS_PER_ACCOUNT} per account; another one ends the oldest.`,
  })
  async events(
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('lastEventId') lastEventIdQuery?: string,
  ): Promise<void> {
    await this.sse.open(user, request, reply, lastEventIdQuery);
  }
}
