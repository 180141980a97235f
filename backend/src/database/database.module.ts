import { Global, Module } from '@nestjs/common';
import { ClsModule } from 'nestjs-cls';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { Db } from './db';
import { DatabaseTransactions } from './transactions';
import { ReplicaReads } from './replica-reads';
import { TransactionRunner } from './transaction-runner';

/** Statements (`Db`) and ambient transactions (`@Transactional()`, nestjs-cls) for every module. */
@Global()
@Module({
  imports: [
    ClsModule.forRoot({
      global: true,
      plugins: [new ClsPluginTransactional({ adapter: new DatabaseTransactions() })],
    }),
  ],
  providers: [Db, TransactionRunner, ReplicaReads],
  exports: [Db, TransactionRunner, ReplicaReads],
})
export class DatabaseModule {}
