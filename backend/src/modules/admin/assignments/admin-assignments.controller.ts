import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../../../common/auth/auth-user';
import { Role } from '../../../common/auth/role';
import { Authenticated } from '../../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../../common/decorators/current-user.decorator';
import { ParseIdPipe } from '../../../common/pipes/parse-id.pipe';
import { AssignmentsService } from '../../assignments/assignments.service';
import {
  AssignmentDto,
  AssignmentPageDto,
  AssignmentQueryDto,
  CreateAssignmentDto,
} from '../../assignments/dto/assignment.dto';

@ApiTags('admin')
@Authenticated(Role.Admin)
@Controller('admin/assignments')
export class AdminAssignmentsController {
  constructor(private readonly assignmentsService: AssignmentsService) {}

  @Get()
  @ApiOkResponse({ type: AssignmentPageDto })
  list(@Query() query: AssignmentQueryDto): Promise<AssignmentPageDto> {
    return this.assignmentsService.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Assign a student to a mentor (respects the mentor capacity)' })
  @ApiCreatedResponse({ type: AssignmentDto })
  @ApiConflictResponse({ description: 'MENTOR_AT_CAPACITY or ALREADY_ASSIGNED' })
  assign(@CurrentUser() actor: AuthUser, @Body() dto: CreateAssignmentDto): Promise<AssignmentDto> {
    return this.assignmentsService.assign(actor, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  async unassign(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.assignmentsService.unassign(actor, id);
  }
}
