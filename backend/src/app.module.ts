import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { ThrottlerModule } from '@nestjs/throttler';
import { DomainEventsModule } from './common/events/domain-events.module';
import { DiscussionsModule } from './modules/discussions/discussions.module';
import { CalendarModule } from './modules/calendar/calendar.module';
import { EventsModule } from './modules/events/events.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { MentoringRequestsModule } from './modules/mentoring-requests/mentoring-requests.module';
import { QuotaModule } from './modules/quota/quota.module';
import { SessionsModule } from './modules/sessions/sessions.module';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JwtAuthGuard } from './common/guards/jwt-auth.guard';
import { RateLimitGuard, throttlerOptions } from './common/guards/rate-limit.guard';
import { RolesGuard } from './common/guards/roles.guard';
import { RedisConnections } from './common/redis/redis-connections';
import { RedisModule } from './common/redis/redis.module';
import { DatabaseModule } from './database/database.module';
import { AdminModule } from './modules/admin/admin.module';
import { AssignmentsModule } from './modules/assignments/assignments.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { UsersModule } from './modules/users/users.module';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule } from './config/config.module';
import type { AppConfig } from './config/env';
import { databaseOptions } from './database/database-options';
import { loggerOptions } from './common/http/logging';
import { HealthModule } from './modules/health/health.module';
import { SettingsModule } from './modules/settings/settings.module';
import { DemoSeeder } from './database/seed/demo-seeder';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config)),
        TypeOrmModule.forRoot({
          ...databaseOptions(config.database),
          migrationsRun: true,
          retryAttempts: config.nodeEnv === 'test' ? 0 : 5,
          retryDelay: 2000,
        }),
        RedisModule,
        ThrottlerModule.forRootAsync({
          inject: [RedisConnections],
          useFactory: (redis: RedisConnections) => throttlerOptions(config.rateLimits, config.jwtSecret, redis),
        }),
        ScheduleModule.forRoot(),
        DatabaseModule,
        DomainEventsModule,
        SettingsModule,
        AuditModule,
        UsersModule,
        AuthModule,
        AssignmentsModule,
        QuotaModule,
        SessionsModule,
        MentoringRequestsModule,
        CalendarModule,
        EventsModule,
        NotificationsModule,
        DiscussionsModule,
        AdminModule,
        HealthModule,
      ],
      providers: [
        DemoSeeder,
        // Order matters: rate limits first, then authentication, then roles.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
    };
  }
}
