import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { EntityManager } from 'typeorm';

export { isUniqueViolation } from './transactions';

/** Runs a unit of work in the ambient transaction (`@Transactional()`), handing it the manager. */
@Injectable()
export class TransactionRunner {
  constructor(private readonly txHost: TransactionHost) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.txHost.withTransaction(() => work(this.txHost.tx as EntityManager));
  }
}

/** `SELECT … FOR UPDATE` on MySQL; SQLite has no row locks (its writers are serialised). */
export function lockClause(manager: EntityManager): string {
  return manager.connection.options.type === 'mysql' ? ' FOR UPDATE' : '';
}
