import { request as httpRequest, IncomingMessage } from 'node:http';
import type { TestApp } from './test-app';

export interface SseMessage {
  id?: string;
  event?: string;
  data: string;
}

export interface SseConnection {
  status: number;
  messages: SseMessage[];
  /** Resolves with the first message matching, or rejects after `timeoutMs`. */
  waitFor(predicate: (m: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  /** Resolves when the server ends the stream, or rejects after `timeoutMs`. */
  waitForEnd(timeoutMs?: number): Promise<void>;
  /** True once the server has ended the stream. */
  readonly ended: boolean;
  close(): void;
}

/** The app on an ephemeral loopback port (event streams need a real socket). */
export async function listen(t: TestApp): Promise<string> {
  const server = t.app.getHttpServer();
  if (!server.listening) await t.app.listen(0, '127.0.0.1');
  const address = server.address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

/** A minimal EventSource: parses `id:`, `event:` and `data:` fields of a text/event-stream. */
export function openStream(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    const messages: SseMessage[] = [];
    const waiters = new Set<{ predicate: (m: SseMessage) => boolean; resolve: (m: SseMessage) => void }>();
    const req = httpRequest(
      `${baseUrl}${path}`,
      { headers: { accept: 'text/event-stream', ...headers } },
      (res: IncomingMessage) => {
        let buffer = '';
        let ended = false;
        const endWaiters = new Set<() => void>();
        res.on('end', () => {
          ended = true;
          for (const waiter of endWaiters) waiter();
          endWaiters.clear();
        });
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let index;
          while ((index = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, index);
            buffer = buffer.slice(index + 2);
            const message: SseMessage = { data: '' };
            let hasData = false;
            for (const line of block.split('\n')) {
              if (line.startsWith('id: ')) message.id = line.slice(4);
              else if (line.startsWith('event: ')) message.event = line.slice(7);
              else if (line.startsWith('data: ')) {
                message.data += line.slice(6);
                hasData = true;
              }
            }
            if (!hasData) continue;
            messages.push(message);
            for (const waiter of waiters) {
              if (waiter.predicate(message)) {
                waiters.delete(waiter);
                waiter.resolve(message);
              }
            }
          }
        });
        resolve({
          status: res.statusCode ?? 0,
          messages,
          waitFor: (predicate, timeoutMs = 1000) => {
            const found = messages.find(predicate);
            if (found) return Promise.resolve(found);
            return new Promise((ok, fail) => {
              const waiter = { predicate, resolve: (m: SseMessage) => (clearTimeout(timer), ok(m)) };
              const timer = setTimeout(() => {
                waiters.delete(waiter);
                fail(
                  new Error(
                    `no matching event within ${timeoutMs} ms; got ${JSON.stringify(messages.map((m) => m.event))}`,
                  ),
                );
              }, timeoutMs);
              waiters.add(waiter);
            });
          },
          waitForEnd: (timeoutMs = 1000) => {
            if (ended) return Promise.resolve();
            return new Promise((ok, fail) => {
              const waiter = () => (clearTimeout(timer), ok());
              const timer = setTimeout(() => {
                endWaiters.delete(waiter);
                fail(new Error(`the stream did not end within ${timeoutMs} ms`));
              }, timeoutMs);
              endWaiters.add(waiter);
            });
          },
          get ended() {
            return ended;
          },
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
    req.end();
  });
}
