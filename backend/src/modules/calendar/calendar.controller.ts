import { Controller, Get, Header, HttpCode, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user';
import { Authenticated } from '../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { CalendarFeedService } from './calendar-feed.service';

export class CalendarFeedDto {
  @ApiProperty({ description: 'Private subscription URL (keep it secret; rotate it if it leaked)' })
  url!: string;
}

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Get('me/calendar-feed')
  @Authenticated()
  @ApiOperation({ summary: 'My private ICS feed URL for Google Calendar, Outlook or Apple Calendar' })
  @ApiOkResponse({ type: CalendarFeedDto })
  async feed(@CurrentUser() user: AuthUser): Promise<CalendarFeedDto> {
    return { url: await this.feeds.url(user.id) };
  }

  @Post('me/calendar-feed/rotate')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Replace my feed URL; the old one stops working at once' })
  @ApiOkResponse({ type: CalendarFeedDto })
  async rotate(@CurrentUser() user: AuthUser): Promise<CalendarFeedDto> {
    return { url: await this.feeds.rotate(user.id) };
  }

  @Get('calendar/:feed')
  @Public()
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'The ICS feed (`<token>.ics`); the secret token is the only credential' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'An iCalendar (RFC 5545) document', schema: { type: 'string' } })
  @ApiNotFoundResponse()
  async ics(@Param('feed') feed: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const token = feed.endsWith('.ics') ? feed.slice(0, -4) : '';
    const body = token ? await this.feeds.render(token) : null;
    if (body === null) throw new NotFoundException('There is nothing at this address.');
    reply.header('content-disposition', 'inline; filename="peerpals.ics"');
    return body;
  }
}
