import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { totpCode, totpStep } from '../../src/modules/mfa/totp';

const MAIN = join(__dirname, '../../../dist/backend/main.js');
const CLI = join(__dirname, '../../../dist/backend/cli.js');
const ADMIN_PASSWORD = 'quiet harbour lantern 41';

/**
 * Runs the built server as in production (its own process, structured logs on stdout), drives a
 * session through sign-in, invitations, refresh, calendar feed, event tickets, an anonymous post
 * and an admin's two-step sign-in, then scans everything it logged for secrets and for the
 * anonymous author.
 */
describe('Logs (built server)', () => {
  let server: ChildProcess;
  let output = '';
  let base: string;
  let dir: string;

  beforeAll(async () => {
    if (!existsSync(MAIN))
      throw new Error('dist/backend/main.js is missing: run `node tools/build-backend.mjs` (npm test does)');
    dir = mkdtempSync(join(tmpdir(), 'peerpals-logs-'));
    const port = 41000 + Math.floor(Math.random() * 8000);
    base = `http://127.0.0.1:${port}`;
    const env = {
      PATH: process.env['PATH'],
      NODE_ENV: 'development',
      LOG_LEVEL: 'debug',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`,
      SEED_DEMO: 'false',
      PUBLIC_URL: base,
      JWT_SECRET: 'log-scan-secret-log-scan-secret-log-scan',
    };
    const admin = spawnSync(process.execPath, [CLI, 'create-admin', '--email', 'admin@uni.example'], {
      env: { ...env, PEERPALS_ADMIN_PASSWORD: ADMIN_PASSWORD },
      encoding: 'utf8',
    });
    if (admin.status !== 0) throw new Error(`create-admin failed: ${admin.stderr}`);
    server = spawn(process.execPath, [MAIN], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (chunk) => (output += chunk));
    server.stderr!.on('data', (chunk) => (output += chunk));
    for (let i = 0; i < 500; i++) {
      if (output.includes('PeerPals is running')) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not start:\n${output}`);
  }, 60_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  async function call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json: any; setCookie: string | null }> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return {
      status: res.status,
      json: text ? JSON.parse(text.startsWith('{') || text.startsWith('[') ? text : '{}') : {},
      setCookie: res.headers.get('set-cookie'),
    };
  }

  it('should log no password, token, invitation, feed or MFA secret, nor who wrote an anonymous post', async () => {
    const secrets: string[] = [];
    const adminLogin = await call('POST', '/api/v1/auth/login', {
      email: 'admin@uni.example',
      password: ADMIN_PASSWORD,
    });
    expect(adminLogin.status).toBe(200);
    secrets.push(ADMIN_PASSWORD, adminLogin.json.accessToken);
    const auth = { authorization: `Bearer ${adminLogin.json.accessToken}` };
    const refreshToken = /pp_refresh=([^;]+)/.exec(adminLogin.setCookie ?? '')![1];
    secrets.push(refreshToken);

    const created = await call(
      'POST',
      '/api/v1/admin/users',
      { email: 'log.scan@uni.example', displayName: 'Log Scan', role: 'student' },
      auth,
    );
    const invitation = new URL(created.json.invitationUrl).searchParams.get('token')!;
    secrets.push(invitation);
    const password = 'log scan secret passphrase';
    secrets.push(password);
    expect(
      (await call('POST', '/api/v1/auth/invitations/accept', { token: invitation, password: 'password1234' })).status,
    ).toBe(400);
    const accepted = await call('POST', '/api/v1/auth/invitations/accept', { token: invitation, password });
    expect(accepted.status).toBe(200);
    const student = { authorization: `Bearer ${accepted.json.accessToken}` };
    secrets.push(accepted.json.accessToken);
    await call('POST', '/api/v1/auth/login', { email: 'log.scan@uni.example', password: 'wrong but secret 123' });
    secrets.push('wrong but secret 123');
    await call('POST', '/api/v1/auth/refresh', undefined, { cookie: `pp_refresh=${refreshToken}` });

    const feed = await call('GET', '/api/v1/me/calendar-feed', undefined, student);
    const feedToken = /calendar\/([^.]+)\.ics/.exec(feed.json.url)![1];
    secrets.push(feedToken);
    expect((await call('GET', new URL(feed.json.url).pathname)).status).toBe(200);
    const ticket = await call('POST', '/api/v1/events/ticket', undefined, student);
    secrets.push(ticket.json.ticket);
    const stream = new AbortController();
    const streaming = fetch(`${base}/api/v1/events?ticket=${ticket.json.ticket}`, { signal: stream.signal }).catch(
      () => undefined,
    );
    await new Promise((r) => setTimeout(r, 200));
    stream.abort();
    await streaming;

    const thread = await call(
      'POST',
      '/api/v1/discussions',
      { title: 'A quiet worry', body: 'Anonymous text', audience: 'community', mode: 'anonymous' },
      student,
    );
    expect(thread.status).toBe(201);
    await call('GET', `/api/v1/discussions/${thread.json.id}`, undefined, auth);
    await call('POST', `/api/v1/posts/${thread.json.opening.id}/report`, { reason: 'check' }, auth);
    const me = await call('GET', '/api/v1/me', undefined, student);
    const anonymousMarkers = [me.json.id];

    // Two-step sign-in: the TOTP secret, its codes, the recovery codes and the challenge stay out of the logs.
    const enrolment = await call('POST', '/api/v1/me/mfa/enrolment', undefined, auth);
    expect(enrolment.status).toBe(200);
    const code = totpCode(enrolment.json.secret, totpStep());
    const confirmed = await call('POST', '/api/v1/me/mfa/enrolment/confirm', { code }, auth);
    expect(confirmed.status).toBe(200);
    secrets.push(enrolment.json.secret, code, ...confirmed.json.recoveryCodes);
    const mfaLogin = await call('POST', '/api/v1/auth/login', { email: 'admin@uni.example', password: ADMIN_PASSWORD });
    expect(mfaLogin.json.mfaRequired).toBe(true);
    secrets.push(mfaLogin.json.challengeToken);
    expect(
      (await call('POST', '/api/v1/auth/mfa/verify', { challengeToken: mfaLogin.json.challengeToken, code: '000000' }))
        .status,
    ).toBe(401);
    const verified = await call('POST', '/api/v1/auth/mfa/verify', {
      challengeToken: mfaLogin.json.challengeToken,
      code: confirmed.json.recoveryCodes[0],
    });
    expect(verified.status).toBe(200);
    secrets.push(verified.json.accessToken);

    // Hostile JSON is refused by the body parser: no 500 and no stack trace in the log.
    for (const body of ['{"a":'.repeat(2000) + '1' + '}'.repeat(2000), '['.repeat(400_000) + ']'.repeat(400_000)]) {
      const res = await fetch(`${base}/api/v1/discussions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...student },
        body,
      });
      expect(res.status).toBe(400);
    }

    await new Promise((r) => setTimeout(r, 300));
    expect(output).not.toMatch(/RangeError|Maximum call stack|"stack":/);
    expect(output).toContain('"url":"/api/v1/discussions');
    expect(output.length).toBeGreaterThan(2000);
    const leaked = [...secrets, ...anonymousMarkers].filter((s) => s && output.includes(s));
    expect(leaked.map((s) => `${s.slice(0, 6)}…`)).toEqual([]);
    expect(output).toContain('/api/v1/calendar/[redacted]');
  });
});
