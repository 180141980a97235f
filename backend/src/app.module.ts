import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './common/guards/auth.guard';
import { TypeOrmModule } from '@nestjs/typeorm';
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
        SettingsModule,
        HealthModule,
      ],
      providers: [DemoSeeder, { provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
