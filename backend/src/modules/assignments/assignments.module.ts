import { forwardRef, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { AssignmentEntity } from './assignment.entity';
import { AdminAssignmentsController, MyAssignmentsController } from './assignments.controller';
import { AssignmentsRepository } from './assignments.repository';
import { AssignmentsService } from './assignments.service';

@Module({
  imports: [TypeOrmModule.forFeature([AssignmentEntity]), UsersModule, AuditModule, forwardRef(() => SessionsModule)],
  controllers: [MyAssignmentsController, AdminAssignmentsController],
  providers: [AssignmentsService, AssignmentsRepository],
  // The repository only until sessions and mentoring requests ask AssignmentsService.
  exports: [AssignmentsService, AssignmentsRepository],
})
export class AssignmentsModule {}
