import { Global, Module } from '@nestjs/common';
import { ReplicaReads } from './replica-reads';
import { TransactionRunner } from './transaction-runner';

@Global()
@Module({
  providers: [TransactionRunner, ReplicaReads],
  exports: [TransactionRunner, ReplicaReads],
})
export class DatabaseModule {}
