import { BeforeApplicationShutdown, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { AuthUser } from '../../common/auth/auth-user';
import { AccountRevocations } from '../../common/events/account-revocations';
import { UsersService } from '../users/users.service';

/** Opening one more stream than this for an account (on one instance) ends that account's oldest. */
export const MAX_STREAMS_PER_ACCOUNT = 5;
/** Open streams re-check their accounts this often, in case a revocation signal was missed. */
export const STREAM_CHECK_MS = 5_000;
export const STREAM_CHECK_INTERVAL = 'event-stream-account-check';

/** Sent as the last event of a stream the server ends; `revoked` means sign in again, the others reconnect. */
export type StreamCloseReason = 'revoked' | 'too-many-streams' | 'shutdown';

/** One open stream, as the registry sees it: whose it is and how to end it. */
export interface OpenStream {
  readonly viewer: AuthUser;
  end(reason: StreamCloseReason): void;
}

/**
 * The open `GET /events` streams of this instance. Each lives only as long as the credential that
 * opened it: an account revocation (raised here or relayed from another instance) ends the
 * account's streams at once, and a periodic batched check of every open stream's account catches
 * any revocation whose signal was lost.
 */
@Injectable()
export class LiveStreams implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger('LiveStreams');
  private readonly byAccount = new Map<string, Set<OpenStream>>();
  private stopListening?: () => void;
  private checking = false;
  private checkFailing = false;

  constructor(
    private readonly revocations: AccountRevocations,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    this.stopListening = this.revocations.subscribe((userId) => this.endFor(userId, 'revoked'));
  }

  onModuleDestroy(): void {
    this.stopListening?.();
  }

  get openCount(): number {
    let n = 0;
    for (const streams of this.byAccount.values()) n += streams.size;
    return n;
  }

  /** Ends every open stream of the account on this instance. */
  endFor(userId: string, reason: StreamCloseReason): void {
    const streams = this.byAccount.get(userId);
    if (!streams) return;
    for (const stream of [...streams]) stream.end(reason);
  }

  /** One query per interval for every account with an open stream: inactive, changed role or bumped token version ends its streams. */
  @Interval(STREAM_CHECK_INTERVAL, STREAM_CHECK_MS)
  async verifyOpenStreams(): Promise<void> {
    if (this.checking || this.byAccount.size === 0) return;
    this.checking = true;
    // Only streams open before the read are judged by it: a later one may carry a newer token version.
    const snapshot = [...this.byAccount.values()].flatMap((streams) => [...streams]);
    try {
      const states = await this.users.revocationStates([...this.byAccount.keys()]);
      for (const stream of snapshot) {
        const state = states.get(stream.viewer.id);
        if (
          !state ||
          !state.active ||
          state.role !== stream.viewer.role ||
          state.tokenVersion !== stream.viewer.tokenVersion
        )
          stream.end('revoked');
      }
      if (this.checkFailing) this.logger.log('Checking the accounts of open event streams works again');
      this.checkFailing = false;
    } catch (error) {
      if (!this.checkFailing)
        this.logger.error(
          { err: error },
          'Checking the accounts of open event streams failed; revocation signals still end them',
        );
      this.checkFailing = true;
    } finally {
      this.checking = false;
    }
  }

  /** Open streams would keep the server from closing; end them first. */
  beforeApplicationShutdown(): void {
    for (const streams of [...this.byAccount.values()]) for (const stream of [...streams]) stream.end('shutdown');
  }

  /** Counts a newly opened stream (see `SseStreamService`); one too many for its account ends the oldest. */
  track(stream: OpenStream): void {
    const streams = this.byAccount.get(stream.viewer.id) ?? new Set<OpenStream>();
    this.byAccount.set(stream.viewer.id, streams);
    streams.add(stream);
    // A Set keeps insertion order: the first is the oldest.
    while (streams.size > MAX_STREAMS_PER_ACCOUNT) streams.values().next().value!.end('too-many-streams');
  }

  untrack(stream: OpenStream): void {
    const streams = this.byAccount.get(stream.viewer.id);
    if (!streams?.delete(stream)) return;
    if (streams.size === 0) this.byAccount.delete(stream.viewer.id);
  }
}
