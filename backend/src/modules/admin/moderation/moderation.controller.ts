import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { AuthUser } from '../../../common/auth/auth-user';
import { Authenticated } from '../../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../../common/decorators/current-user.decorator';
import { PageQueryDto } from '../../../common/pagination';
import { ParseIdPipe } from '../../../common/pipes/parse-id.pipe';
import { Role } from '../../../common/auth/role';
import { DiscussionsService } from '../../discussions/discussions.service';
import {
  PostDto,
  ReportPageDto,
  RevealRequestCreateDto,
  RevealRequestDto,
  RevealRequestPageDto,
  ThreadDto,
} from '../../discussions/dto/discussion.dto';

export class ReportQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'resolved'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'resolved'])
  status?: 'open' | 'resolved';
}

@ApiTags('moderation')
@Authenticated(Role.Admin)
@Controller('admin')
export class ModerationController {
  constructor(private readonly discussions: DiscussionsService) {}

  @Get('reports')
  @ApiOperation({ summary: 'Moderation queue: reported posts (anonymous authors stay anonymous)' })
  @ApiOkResponse({ type: ReportPageDto })
  reports(@CurrentUser() admin: AuthUser, @Query() query: ReportQueryDto): Promise<ReportPageDto> {
    return this.discussions.listReports(admin, query);
  }

  @Post('reports/:id/dismiss')
  @HttpCode(204)
  @ApiOperation({ summary: 'Close a report without acting on the post (it stays as it is); audited' })
  @ApiNoContentResponse({ description: 'The report is resolved' })
  @ApiNotFoundResponse({ description: 'No such report (`REPORT_NOT_FOUND`)' })
  async dismissReport(@CurrentUser() admin: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.discussions.dismissReport(admin, id);
  }

  @Post('posts/:id/hide')
  @HttpCode(200)
  @ApiOkResponse({ type: PostDto })
  hide(@CurrentUser() admin: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<PostDto> {
    return this.discussions.setHidden(admin, id, true);
  }

  @Post('posts/:id/unhide')
  @HttpCode(200)
  @ApiOkResponse({ type: PostDto })
  unhide(@CurrentUser() admin: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<PostDto> {
    return this.discussions.setHidden(admin, id, false);
  }

  @Post('discussions/:id/lock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lock a thread: no new replies (THREAD_LOCKED)' })
  @ApiOkResponse({ type: ThreadDto })
  lock(@CurrentUser() admin: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<ThreadDto> {
    return this.discussions.setLocked(admin, id, true);
  }

  @Post('discussions/:id/unlock')
  @HttpCode(200)
  @ApiOkResponse({ type: ThreadDto })
  unlock(@CurrentUser() admin: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<ThreadDto> {
    return this.discussions.setLocked(admin, id, false);
  }

  @Post('discussions/:id/hide')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Hide a whole thread, title included, from everyone but admins (its author sees it marked hidden); audited',
  })
  @ApiOkResponse({ type: ThreadDto })
  @ApiNotFoundResponse({ description: 'No such thread' })
  hideThread(@CurrentUser() admin: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<ThreadDto> {
    return this.discussions.setThreadHidden(admin, id, true);
  }

  @Post('discussions/:id/unhide')
  @HttpCode(200)
  @ApiOperation({ summary: 'Show a hidden thread again; audited' })
  @ApiOkResponse({ type: ThreadDto })
  @ApiNotFoundResponse({ description: 'No such thread' })
  unhideThread(@CurrentUser() admin: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<ThreadDto> {
    return this.discussions.setThreadHidden(admin, id, false);
  }

  @Post('posts/:id/reveal-requests')
  @ApiOperation({
    summary: 'Ask to reveal an anonymous author (break-glass; a second, independent admin must approve)',
  })
  @ApiCreatedResponse({ type: RevealRequestDto })
  @ApiConflictResponse({
    description:
      '`NOT_ANONYMOUS`; `REVEAL_APPROVER_NOT_INDEPENDENT` when the asking admin was made admin less than 7 days ago by another admin',
  })
  requestReveal(
    @CurrentUser() admin: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: RevealRequestCreateDto,
  ): Promise<RevealRequestDto> {
    return this.discussions.requestReveal(admin, id, dto);
  }

  @Get('reveal-requests')
  @ApiOkResponse({ type: RevealRequestPageDto })
  revealRequests(@CurrentUser() admin: AuthUser, @Query() query: PageQueryDto): Promise<RevealRequestPageDto> {
    return this.discussions.listRevealRequests(admin, query);
  }

  @Post('reveal-requests/:id/approve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve a reveal (a different, independent admin); the response names the author',
    description:
      'Both admins must have been made admin by the server (CLI, SSO role mapping) or at least 7 days ago by another admin, and the approver must not have been created, invited or made admin by the admin who asked.',
  })
  @ApiOkResponse({ type: RevealRequestDto })
  @ApiForbiddenResponse({ description: '`REVEAL_NEEDS_SECOND_ADMIN`: the admin who asked cannot approve' })
  @ApiConflictResponse({ description: '`REVEAL_APPROVER_NOT_INDEPENDENT` (the detail says why); `REVEAL_NOT_PENDING`' })
  approve(@CurrentUser() admin: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<RevealRequestDto> {
    return this.discussions.decideReveal(admin, id, 'approved');
  }

  @Post('reveal-requests/:id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: RevealRequestDto })
  reject(@CurrentUser() admin: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<RevealRequestDto> {
    return this.discussions.decideReveal(admin, id, 'rejected');
  }
}
