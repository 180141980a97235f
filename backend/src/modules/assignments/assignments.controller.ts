import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { Authenticated } from '../../common/decorators/authenticated.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Role } from '../../common/auth/role';
import { AssignmentsService } from './assignments.service';
import { MyMentorDto, MyStudentDto } from './dto/assignment.dto';

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
