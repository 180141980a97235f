import { Agent, createServer, request as httpRequest, Server } from 'node:http';

export interface RoundRobinProxy {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Round-robin HTTP proxy over instances on loopback ports. A connection refused by an instance (the
 * request never reached it) goes to the next one, and that instance is skipped for two seconds; any
 * other failure is a 502, as a load balancer answers when an instance dies mid-request.
 */
export function startRoundRobinProxy(listenPort: number, ports: readonly number[]): Promise<RoundRobinProxy> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const downUntil = new Map<number, number>();
  let next = 0;
  const pick = (exclude?: number): number => {
    for (let i = 0; i < ports.length; i++) {
      const port = ports[next++ % ports.length];
      if (port !== exclude && (downUntil.get(port) ?? 0) < Date.now()) return port;
    }
    return ports.find((p) => p !== exclude) ?? ports[0];
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const forward = (port: number, retried: boolean): void => {
        const upstream = httpRequest(
          { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
            answer.on('error', () => res.destroy());
          },
        );
        upstream.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code === 'ECONNREFUSED') downUntil.set(port, Date.now() + 2000);
          if (error.code === 'ECONNREFUSED' && !retried) return forward(pick(port), true);
          if (!res.headersSent) {
            res.writeHead(502, { 'content-type': 'application/problem+json' });
            res.end(JSON.stringify({ status: 502, code: 'BAD_GATEWAY', detail: error.code }));
          } else res.destroy();
        });
        res.on('close', () => {
          if (!res.writableFinished) upstream.destroy();
        });
        upstream.end(body);
      };
      forward(pick(), false);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${listenPort}`,
        close: async () => {
          agent.destroy();
          server.closeAllConnections();
          await new Promise<void>((done) => server.close(() => done()));
        },
      }),
    );
  });
}
