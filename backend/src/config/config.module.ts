import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import { AppConfig } from './env';

export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * The configuration validated by `loadConfig` (main, the CLI and the tests each build it from their own
 * environment), as `APP_CONFIG` and through `ConfigService<AppConfig, true>`. `@nestjs/config` is told
 * not to read `process.env` or a `.env` file again: what was validated is what the app runs with.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      imports: [NestConfigModule.forRoot({ ignoreEnvFile: true, skipProcessEnv: true, load: [() => ({ ...config })] })],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG, NestConfigModule],
    };
  }
}
