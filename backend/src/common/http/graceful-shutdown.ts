import { Injectable, Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Time for connections accepted just before the listener closed to send their request. */
const ACCEPT_GRACE_MS = 1000;
/** After this, a shutdown that is still waiting for requests gives up. */
const HARD_LIMIT_MS = 30_000;

/** Whether this instance is on its way out: readiness turns 503 and responses close their connection. */
@Injectable()
export class ShutdownState {
  private drainingSince: Date | null = null;

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  begin(): void {
    this.drainingSince ??= new Date();
  }
}

/**
 * SIGTERM/SIGINT without failing a request the instance had accepted:
 * 1. drain — readiness answers 503 so the load balancer stops routing here, every response says
 *    `Connection: close`, and requests are still served for `drainMs`;
 * 2. stop accepting connections, and give ones accepted a moment ago time to send their request;
 * 3. close the application: Fastify waits for requests in flight, then the database and Redis
 *    connections close, then the process exits 0.
 */
export function handleShutdownSignals(app: NestFastifyApplication, drainMs: number): void {
  const logger = new Logger('Shutdown');
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      logger.error(`Requests still running ${HARD_LIMIT_MS / 1000} s after ${signal}; exiting`);
      process.exit(1);
    }, HARD_LIMIT_MS).unref();
    app.get(ShutdownState).begin();
    logger.log(`${signal}: draining for ${drainMs} ms`);
    await sleep(drainMs);
    // net.Server's close stops accepting without http.Server's closing of idle connections, which
    // would also cut connections whose request has not arrived yet.
    Server.prototype.close.call(app.getHttpServer());
    await sleep(ACCEPT_GRACE_MS);
    await app.close();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, (s) => void stop(s));
}
