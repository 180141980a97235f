import { BeforeApplicationShutdown, Controller, Get, HttpCode, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { AuthUser } from '../../common/auth/auth-user';
import { Authenticated } from '../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { Role } from '../users/role';
import { EventStream, StreamEvent } from './event-stream';
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

const HEARTBEAT_MS = 20_000;
const SENT_IDS_KEPT = 2000;

/** Each event is formatted once, however many streams it goes to (an admin fan-out reaches every open board). */
const formatted = new WeakMap<StreamEvent, string>();

function formatEvent(event: StreamEvent): string {
  let text = formatted.get(event);
  if (text === undefined) {
    text = `id: ${event.id}\nevent: ${event.type}\ndata: ${event.payload}\n\n`;
    formatted.set(event, text);
  }
  return text;
}

@ApiTags('events')
@Controller('events')
export class EventsController implements BeforeApplicationShutdown {
  private readonly open = new Set<ServerResponse>();

  constructor(
    private readonly stream: EventStream,
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
    summary: 'Server-sent events: my notifications; for admins also every request and session change. Resumes after Last-Event-ID.',
  })
  @ApiQuery({ name: 'ticket', required: false })
  @ApiQuery({ name: 'lastEventId', required: false })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An endless text/event-stream' })
  async events(@CurrentUser() user: AuthUser, @Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('lastEventId') lastEventIdQuery?: string): Promise<void> {
    const isAdmin = user.role === Role.Admin;
    const header = request.headers['last-event-id'];
    const lastEventId = Number((Array.isArray(header) ? header[0] : header) ?? lastEventIdQuery ?? NaN);
    const visible = (event: StreamEvent) => event.userId === user.id || (isAdmin && event.channel === 'admin');

    // Subscribe before replaying, buffer what arrives meanwhile, then send both in order without gaps.
    let buffer: StreamEvent[] | null = [];
    const afterId = Number.isFinite(lastEventId) && lastEventId >= 0 ? lastEventId : 0;
    // Events relayed from other instances can arrive slightly out of id order, so remember which
    // ids were sent (replay and live overlap) rather than only the highest one.
    const sent = new Set<number>();
    const raw = reply.raw;
    const send = (event: StreamEvent) => {
      if (event.id <= afterId || sent.has(event.id)) return;
      sent.add(event.id);
      if (sent.size > SENT_IDS_KEPT) sent.delete(sent.values().next().value as number);
      raw.write(formatEvent(event));
    };
    const unsubscribe = this.stream.subscribe((event) => {
      if (!visible(event)) return;
      if (buffer) buffer.push(event);
      else send(event);
    });

    reply.hijack();
    const headers: Record<string, string | number | string[]> = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[name] = value as string;
    raw.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 3000\n\n');
    this.open.add(raw);

    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const close = () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(raw);
    };
    raw.on('close', close);

    try {
      if (afterId > 0) for (const event of await this.stream.replay({ id: user.id, isAdmin }, afterId)) send(event);
    } finally {
      const pending = buffer;
      buffer = null;
      for (const event of pending ?? []) send(event);
    }
  }

  /** Open streams would keep the server from closing; end them first. */
  beforeApplicationShutdown(): void {
    for (const raw of this.open) raw.end();
    this.open.clear();
  }
}
