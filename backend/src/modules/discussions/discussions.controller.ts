import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { Authenticated } from '../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { PageQueryDto } from '../../common/pagination';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { DiscussionsService } from './discussions.service';
import {
  CreatePostDto,
  CreateThreadDto,
  PostDto,
  PostPageDto,
  ReportPostDto,
  ThreadDto,
  ThreadPageDto,
  ThreadQueryDto,
  UpdatePostDto,
} from './dto/discussion.dto';

@ApiTags('discussions')
@Authenticated()
@Controller()
export class DiscussionsController {
  constructor(private readonly discussions: DiscussionsService) {}

  @Get('discussions')
  @ApiOperation({ summary: 'Threads, newest activity first; filters tag, audience, unanswered, text' })
  @ApiOkResponse({ type: ThreadPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ThreadQueryDto): Promise<ThreadPageDto> {
    return this.discussions.listThreads(user, query);
  }

  @Post('discussions')
  @ApiOperation({ summary: 'Start a thread (students may choose anonymous mode)' })
  @ApiCreatedResponse({ type: ThreadDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateThreadDto): Promise<ThreadDto> {
    return this.discussions.createThread(user, dto);
  }

  @Get('discussions/:id')
  @ApiOkResponse({ type: ThreadDto })
  @ApiNotFoundResponse()
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<ThreadDto> {
    return this.discussions.getThread(user, id);
  }

  @Get('discussions/:id/posts')
  @ApiOperation({ summary: 'Replies in a thread, oldest first' })
  @ApiOkResponse({ type: PostPageDto })
  posts(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<PostPageDto> {
    return this.discussions.listPosts(user, id, query);
  }

  @Post('discussions/:id/posts')
  @ApiOperation({ summary: 'Reply (students may choose anonymous mode)' })
  @ApiCreatedResponse({ type: PostDto })
  @ApiConflictResponse({ description: 'THREAD_LOCKED, or THREAD_HIDDEN when the moderators hid the thread' })
  reply(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: CreatePostDto,
  ): Promise<PostDto> {
    return this.discussions.reply(user, id, dto);
  }

  @Patch('posts/:id')
  @ApiOperation({ summary: 'Edit my post, or sign an anonymous one with my name (never the reverse)' })
  @ApiOkResponse({ type: PostDto })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: UpdatePostDto,
  ): Promise<PostDto> {
    return this.discussions.updatePost(user, id, dto);
  }

  @Delete('posts/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete my post (it shows as deleted)' })
  @ApiNoContentResponse()
  async remove(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.discussions.deletePost(user, id);
  }

  @Post('posts/:id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: "Mark a mentor's reply as the accepted answer (thread author)" })
  @ApiOkResponse({ type: PostDto })
  accept(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<PostDto> {
    return this.discussions.acceptAnswer(user, id);
  }

  @Post('posts/:id/report')
  @HttpCode(204)
  @ApiOperation({ summary: 'Report a post to the moderators' })
  @ApiNoContentResponse()
  async report(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: ReportPostDto,
  ): Promise<void> {
    await this.discussions.report(user, id, dto);
  }
}
