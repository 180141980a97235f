import { BeforeApplicationShutdown, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { FastifyReply } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { AuthUser } from '../../common/auth/auth-user';
import { AccountRevocations } from '../../common/events/account-revocations';
import { Role } from '../../common/auth/role';
import { UsersService } from '../users/users.service';
import { EventStream, StreamEvent } from './event-stream';

/** Opening one more stream than this for an account (on one instance) ends that account's oldest. */
export const MAX_STREAMS_PER_ACCOUNT = 5;
/** Open streams re-check their accounts this often, in case a revocation signal was missed. */
export const STREAM_CHECK_MS = 5_000;
export const STREAM_CHECK_INTERVAL = 'event-stream-account-check';
const HEARTBEAT_MS = 20_000;
const SENT_IDS_KEPT = 2000;

/** Sent as the last event of a stream the server ends; `revoked` means sign in again, the others reconnect. */
export type StreamCloseReason = 'revoked' | 'too-many-streams' | 'shutdown';

interface OpenStream {
  readonly viewer: AuthUser;
  end(reason: StreamCloseReason): void;
}

/** Each event is formatted once, however many streams it goes to (an admin fan-out reaches every open board). */
const formatted = new WeakMap<StreamEvent, string>();

function formatEvent(event: StreamEvent): string {
  let text = formatted.get(event);
  if (text === undefined) {
    text = `id: ${event.id}\nevent: ${event.type}\ndata: ${event.payload}\n\n`;
    formatted.set(event, text);
  }
  return text;
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
    private readonly stream: EventStream,
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

  /** Streams the viewer's events on `reply`: what they missed after `afterId` first, then live ones, each once. */
  async open(viewer: AuthUser, reply: FastifyReply, afterId: number): Promise<void> {
    const isAdmin = viewer.role === Role.Admin;
    const visible = (event: StreamEvent) => event.userId === viewer.id || (isAdmin && event.channel === 'admin');

    // Subscribe before replaying, buffer what arrives meanwhile, then send both in order without gaps.
    let buffer: StreamEvent[] | null = [];
    // Events relayed from other instances can arrive slightly out of id order, so remember which
    // ids were sent (replay and live overlap) rather than only the highest one.
    const sent = new Set<number>();
    const raw = reply.raw;
    let closed = false;
    const send = (event: StreamEvent) => {
      if (closed || event.id <= afterId || sent.has(event.id)) return;
      sent.add(event.id);
      if (sent.size > SENT_IDS_KEPT) sent.delete(sent.values().next().value as number);
      raw.write(formatEvent(event));
    };
    const unsubscribe = this.stream.subscribe((event) => {
      if (!visible(event)) return;
      if (buffer) buffer.push(event);
      else send(event);
    });

    reply.hijack();
    const headers: Record<string, string | number | string[]> = {};
    for (const [name, value] of Object.entries(reply.getHeaders()))
      if (value !== undefined) headers[name] = value as string;
    raw.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 3000\n\n');

    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const handle: OpenStream = {
      viewer,
      end: (reason) => {
        if (closed) return;
        release();
        endResponse(raw, reason);
      },
    };
    const release = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      this.remove(handle);
    };
    raw.on('close', release);
    if (raw.destroyed) {
      release();
      return;
    }
    this.add(handle);

    try {
      if (afterId > 0) for (const event of await this.stream.replay({ id: viewer.id, isAdmin }, afterId)) send(event);
    } finally {
      const pending = buffer;
      buffer = null;
      for (const event of pending ?? []) send(event);
    }
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

  private add(stream: OpenStream): void {
    const streams = this.byAccount.get(stream.viewer.id) ?? new Set<OpenStream>();
    this.byAccount.set(stream.viewer.id, streams);
    streams.add(stream);
    // A Set keeps insertion order: the first is the oldest.
    while (streams.size > MAX_STREAMS_PER_ACCOUNT) streams.values().next().value!.end('too-many-streams');
  }

  private remove(stream: OpenStream): void {
    const streams = this.byAccount.get(stream.viewer.id);
    if (!streams?.delete(stream)) return;
    if (streams.size === 0) this.byAccount.delete(stream.viewer.id);
  }
}

function endResponse(raw: ServerResponse, reason: StreamCloseReason): void {
  if (raw.destroyed || raw.writableEnded) return;
  raw.end(`event: stream.closed\ndata: ${JSON.stringify({ reason })}\n\n`);
}
