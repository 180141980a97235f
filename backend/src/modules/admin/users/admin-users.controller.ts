import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../../../common/auth/auth-user';
import { Authenticated } from '../../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../../common/decorators/current-user.decorator';
import { ValidationFailedError } from '../../../common/errors/domain-error';
import { ParseIdPipe } from '../../../common/pipes/parse-id.pipe';
import {
  CreatedUserDto,
  CreateUserDto,
  ImportResultDto,
  InvitationDto,
  ListUsersQueryDto,
  UpdateUserDto,
  UserPageDto,
} from '../../users/dto/admin-users.dto';
import { Role } from '../../../common/auth/role';
import { UserDto } from '../../users/user.dto';
import { UsersService } from '../../users/users.service';

@ApiTags('admin')
@Authenticated(Role.Admin)
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly usersService: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List users with search, role and active filters (keyset paging)' })
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: ListUsersQueryDto): Promise<UserPageDto> {
    return this.usersService.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user and a one-time invitation (7 days)' })
  @ApiCreatedResponse({ type: CreatedUserDto })
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateUserDto): Promise<CreatedUserDto> {
    return this.usersService.create(actor, dto);
  }

  @Post('import')
  @HttpCode(200)
  @ApiOperation({ summary: 'Create users from CSV: email,displayName,role[,mentorEmail]; a per-row report' })
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({
    schema: { type: 'string', format: 'binary', description: 'The CSV text, or a multipart form with one file' },
  })
  @ApiOkResponse({ type: ImportResultDto })
  async import(@CurrentUser() actor: AuthUser, @Req() request: FastifyRequest): Promise<ImportResultDto> {
    return this.usersService.importCsv(actor, await csvFrom(request));
  }

  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse()
  get(@Param('id', ParseIdPipe) id: string): Promise<UserDto> {
    return this.usersService.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change role, active, capacity, quota override (audited; role/active changes revoke sessions)',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse()
  update(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserDto> {
    return this.usersService.update(actor, id, dto);
  }

  @Post(':id/invitation')
  @ApiOperation({
    summary: 'Issue a new invitation link for an account that never set a password; earlier links stop working',
  })
  @ApiCreatedResponse({ type: InvitationDto })
  @ApiConflictResponse({
    description: 'INVITATION_NOT_ALLOWED: the person already set a password (send a password reset instead)',
  })
  @ApiNotFoundResponse()
  reissueInvitation(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<InvitationDto> {
    return this.usersService.reissueInvitation(actor, id);
  }
}

async function csvFrom(request: FastifyRequest): Promise<string> {
  if (request.isMultipart()) {
    const file = await request.file();
    if (!file) throw new ValidationFailedError([{ field: 'file', message: 'Attach one CSV file' }]);
    return (await file.toBuffer()).toString('utf8');
  }
  if (typeof request.body !== 'string') {
    throw new ValidationFailedError([{ field: 'file', message: 'Send the CSV as text/csv or as a multipart file' }]);
  }
  return request.body;
}
