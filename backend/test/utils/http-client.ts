import { Agent, request as httpRequest } from 'node:http';

/** What one request came back with. A request that never got an answer has status 0 and `error` set. */
export interface HttpResult<T = any> {
  status: number;
  body: T;
  /** Time from sending to the end of the answer (or the failure), in milliseconds. */
  ms: number;
  /** The error code when no answer came (ECONNREFUSED, ECONNRESET, HUNG…). */
  error?: string;
  setCookie: string[];
}

export interface HttpOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Serialised as JSON. */
  body?: unknown;
  /** The Cookie header. */
  cookie?: string;
  headers?: Record<string, string>;
  /** A request without an answer after this long is abandoned with error `HUNG` (default 10 s). */
  timeoutMs?: number;
}

export interface HttpClientOptions {
  /** Put in front of every path, e.g. `/api/v1`. */
  prefix?: string;
  /**
   * The agent to reuse connections with; default `false`: every request on a connection of its own
   * (`Connection: close`), so a stalled or dead connection never affects the next request.
   */
  agent?: Agent | false;
  /** Default for `HttpOptions.timeoutMs`. */
  timeoutMs?: number;
}

export type HttpClient = <T = any>(method: string, path: string, options?: HttpOptions) => Promise<HttpResult<T>>;

/** A small HTTP client for servers running in their own processes; it never throws. */
export function httpClient(baseUrl: string, clientOptions: HttpClientOptions = {}): HttpClient {
  const base = new URL(baseUrl);
  const agent = clientOptions.agent ?? false;
  return (method, path, options = {}) =>
    new Promise((resolve) => {
      const started = Date.now();
      const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
      const headers: Record<string, string> = { ...options.headers };
      if (agent === false) headers['connection'] = 'close';
      if (payload !== undefined) headers['content-type'] = 'application/json';
      if (options.token) headers['authorization'] = `Bearer ${options.token}`;
      if (options.cookie) headers['cookie'] = options.cookie;
      const failed = (error: NodeJS.ErrnoException) =>
        resolve({
          status: 0,
          body: undefined as any,
          ms: Date.now() - started,
          error: error.code ?? error.message,
          setCookie: [],
        });
      const req = httpRequest(
        {
          host: base.hostname,
          port: base.port,
          method,
          path: `${clientOptions.prefix ?? ''}${path}`,
          agent,
          headers,
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('error', failed);
          res.on('end', () => {
            let body: any;
            try {
              body = text ? JSON.parse(text) : undefined;
            } catch {
              body = text;
            }
            const cookies = res.headers['set-cookie'];
            resolve({ status: res.statusCode ?? 0, body, ms: Date.now() - started, setCookie: cookies ?? [] });
          });
        },
      );
      req.setTimeout(options.timeoutMs ?? clientOptions.timeoutMs ?? 10_000, () =>
        req.destroy(Object.assign(new Error('hung'), { code: 'HUNG' })),
      );
      req.on('error', failed);
      req.end(payload);
    });
}

export const isSuccess = (r: { status: number }): boolean => r.status >= 200 && r.status < 300;

/** The answer, or an error naming what failed, its status and body. */
export async function expectOk<T>(pending: Promise<HttpResult<T>>, what: string): Promise<HttpResult<T>> {
  const res = await pending;
  if (!isSuccess(res)) throw new Error(`${what} failed: ${res.status || res.error} ${JSON.stringify(res.body)}`);
  return res;
}

/** `pp_refresh=<token>` from an answer's Set-Cookie headers, as a Cookie header value. */
export function refreshCookieFrom(res: HttpResult): string | undefined {
  return res.setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('pp_refresh='));
}

/** "3×201, 17×409": how many answers had each status (or error). */
export function countStatuses(responses: readonly HttpResult[]): string {
  const counts = new Map<string, number>();
  for (const r of responses) {
    const key = r.status ? String(r.status) : (r.error ?? '0');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([status, n]) => `${n}×${status}`).join(', ');
}
