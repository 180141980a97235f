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
import type { AuthUser } from '../../common/auth/auth-user';
import { Authenticated } from '../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { Role } from '../../common/auth/role';
import { AssignmentsService } from './assignments.service';
import {
  AssignmentDto,
  AssignmentPageDto,
  AssignmentQueryDto,
  CreateAssignmentDto,
  MyMentorDto,
  MyStudentDto,
} from './dto/assignment.dto';

@ApiTags('me')
@Controller('me')
export class MyAssignmentsController {
  constructor(private readonly assignmentsService: AssignmentsService) {}

  @Get('mentors')
  @Authenticated(Role.Student)
  @ApiOperation({ summary: 'The mentors assigned to me (student)' })
  @ApiOkResponse({ type: [MyMentorDto] })
  mentors(@CurrentUser() user: AuthUser): Promise<MyMentorDto[]> {
    return this.assignmentsService.myMentors(user);
  }

  @Get('students')
  @Authenticated(Role.Mentor)
  @ApiOperation({ summary: 'The students assigned to me (mentor)' })
  @ApiOkResponse({ type: [MyStudentDto] })
  students(@CurrentUser() user: AuthUser): Promise<MyStudentDto[]> {
    return this.assignmentsService.myStudents(user);
  }
}

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
