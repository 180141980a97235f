import { createServer, connect, Server, Socket } from 'node:net';

/** `pass`: bytes flow; `stall`: bytes are swallowed both ways (a dead network path); `drop`: connections are cut and refused. */
export type FaultMode = 'pass' | 'stall' | 'drop';

/** A TCP proxy in front of a server (e.g. a database) that passes, stalls or drops its traffic on demand. */
export class TcpFaultProxy {
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  private readonly server: Server;
  private current: FaultMode = 'pass';

  constructor(
    private readonly targetPort: number,
    private readonly targetHost = '127.0.0.1',
  ) {
    this.server = createServer((client) => this.accept(client));
  }

  get mode(): FaultMode {
    return this.current;
  }

  listen(port: number, host = '127.0.0.1'): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
  }

  /** Switches the mode; `drop` also cuts every open connection. */
  setMode(mode: FaultMode): void {
    this.current = mode;
    if (mode === 'drop') this.cutAll();
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private cutAll(): void {
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
  }

  private accept(client: Socket): void {
    if (this.current === 'drop') {
      client.destroy();
      return;
    }
    const upstream = connect(this.targetPort, this.targetHost);
    const pair = { client, upstream };
    this.pairs.add(pair);
    const close = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      from.on('data', (chunk: Buffer) => {
        // While stalled, bytes are swallowed: the peer hears nothing, as with a dead network path.
        if (this.current === 'pass') to.write(chunk);
      });
      from.on('error', close);
      from.on('close', close);
    }
  }
}
