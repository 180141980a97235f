import { Injectable, Logger } from '@nestjs/common';
import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

export type RevocationListener = (userId: string) => void;

/**
 * "Account revoked": raised wherever an account's token version is bumped (deactivation, role
 * change, password change or reset, sign-out everywhere), once the transaction that bumped it has
 * committed. Whatever holds a credential-bound resource open (the live event streams) ends it.
 */
@Injectable()
export class AccountRevocations implements EntitySubscriberInterface {
  private readonly logger = new Logger('AccountRevocations');
  private readonly listeners = new Set<RevocationListener>();
  private readonly localListeners = new Set<RevocationListener>();
  private readonly pending = new WeakMap<QueryRunner, Set<string>>();
  private readonly watched = new WeakSet<DataSource>();

  /** Announces the revocation after `manager`'s transaction commits (at once outside a transaction; never after a rollback). */
  revoke(userId: string, manager?: EntityManager): void {
    const runner = manager?.queryRunner;
    if (!runner?.isTransactionActive) {
      this.announce(userId);
      return;
    }
    this.watch(runner.dataSource);
    const ids = this.pending.get(runner) ?? new Set<string>();
    ids.add(userId);
    this.pending.set(runner, ids);
  }

  /** Every revocation, raised here or relayed from another instance. */
  subscribe(listener: RevocationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Revocations raised on this instance only, e.g. to relay them to the others. */
  onRevokedHere(listener: RevocationListener): () => void {
    this.localListeners.add(listener);
    return () => this.localListeners.delete(listener);
  }

  /** Hands a revocation to this instance's subscribers (also used by the relay for other instances' revocations). */
  emit(userId: string): void {
    this.notify(this.listeners, userId);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const runner = event.queryRunner;
    // A released savepoint is not a commit; wait for the outermost transaction.
    if (runner.isTransactionActive) return;
    const ids = this.pending.get(runner);
    if (!ids) return;
    this.pending.delete(runner);
    for (const id of ids) this.announce(id);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }

  private watch(dataSource: DataSource): void {
    if (this.watched.has(dataSource)) return;
    this.watched.add(dataSource);
    dataSource.subscribers.push(this);
  }

  private announce(userId: string): void {
    this.notify(this.localListeners, userId);
    this.emit(userId);
  }

  private notify(listeners: Set<RevocationListener>, userId: string): void {
    for (const listener of listeners) {
      try {
        listener(userId);
      } catch (error) {
        // A failing listener never fails the commit that revoked the account.
        this.logger.error({ err: error }, 'Handling an account revocation failed');
      }
    }
  }
}
