import { Injectable, Logger } from '@nestjs/common';
import { afterCommit } from '../../database/transactions';

export type RevocationListener = (userId: string) => void;

/**
 * "Account revoked": raised wherever an account's token version is bumped (deactivation, role
 * change, password change or reset, sign-out everywhere), once the transaction that bumped it has
 * committed. Whatever holds a credential-bound resource open (the live event streams) ends it.
 */
@Injectable()
export class AccountRevocations {
  private readonly logger = new Logger('AccountRevocations');
  private readonly listeners = new Set<RevocationListener>();
  private readonly localListeners = new Set<RevocationListener>();

  /** Announces the revocation once the current transaction commits (at once outside a transaction; never after a rollback). */
  revoke(userId: string): void {
    afterCommit(() => this.announce(userId));
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
