import { Global, Module } from '@nestjs/common';
import { ClsModule } from 'nestjs-cls';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { Db } from './db';
import { DatabaseTransactions } from './transactions';

/** Statements (`Db`) and ambient transactions (`@Transactional()`, nestjs-cls) for every module. */
@Global()
@Module({
  imports: [
    ClsModule.forRoot({
      global: true,
      plugins: [new ClsPluginTransactional({ adapter: new DatabaseTransactions() })],
    }),
  ],
  providers: [Db],
  exports: [Db],
})
export class DatabaseModule {}
