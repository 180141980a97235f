import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { AuthUser } from '../../common/auth/auth-user';
import { Role } from '../../common/auth/role';
import { EventStream, StreamEvent } from './event-stream';
import { LiveStreams, OpenStream, StreamCloseReason } from './live-streams';

const HEARTBEAT_MS = 20_000;
const SENT_IDS_KEPT = 2000;

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

function endResponse(raw: ServerResponse, reason: StreamCloseReason): void {
  if (raw.destroyed || raw.writableEnded) return;
  raw.end(`event: stream.closed\ndata: ${JSON.stringify({ reason })}\n\n`);
}

/** The id to resume after: the Last-Event-ID header (EventSource sends it on reconnecting), else the query's; 0 for none. */
export function resumeAfter(request: FastifyRequest, lastEventIdQuery?: string): number {
  const header = request.headers['last-event-id'];
  const id = Number((Array.isArray(header) ? header[0] : header) ?? lastEventIdQuery ?? NaN);
  return Number.isFinite(id) && id >= 0 ? id : 0;
}

/**
 * Writes one viewer's `GET /events` response as server-sent events: what they missed after the
 * Last-Event-ID (from the event log) first, then live events, each exactly once. The stream is
 * registered with `LiveStreams`, which ends it when the credential that opened it stops being valid.
 */
@Injectable()
export class SseStreamService {
  constructor(
    private readonly stream: EventStream,
    private readonly streams: LiveStreams,
  ) {}

  async open(viewer: AuthUser, request: FastifyRequest, reply: FastifyReply, lastEventIdQuery?: string): Promise<void> {
    const afterId = resumeAfter(request, lastEventIdQuery);
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
      this.streams.untrack(handle);
    };
    raw.on('close', release);
    if (raw.destroyed) {
      release();
      return;
    }
    this.streams.track(handle);

    try {
      if (afterId > 0) for (const event of await this.stream.replay({ id: viewer.id, isAdmin }, afterId)) send(event);
    } finally {
      const pending = buffer;
      buffer = null;
      for (const event of pending ?? []) send(event);
    }
  }
}
