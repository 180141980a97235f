import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { USER_ASSIGNMENTS } from '../users/users.constants';
import { UsersModule } from '../users/users.module';
import { MyAssignmentsController } from './assignments.controller';
import { AssignmentsRepository } from './assignments.repository';
import { AssignmentsService } from './assignments.service';

@Module({
  imports: [UsersModule, AuditModule],
  controllers: [MyAssignmentsController],
  providers: [
    AssignmentsRepository,
    AssignmentsService,
    { provide: USER_ASSIGNMENTS, useExisting: AssignmentsService },
  ],
  exports: [AssignmentsService],
})
export class AssignmentsModule {}
