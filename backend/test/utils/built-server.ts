import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The repository root. */
export const ROOT = join(__dirname, '../../..');
/** The built server and CLI (`npx nx run backend:build`, which `npm run test:cluster` and `test:faults` run first). */
export const BUILT_MAIN = join(ROOT, 'dist/backend/main.js');
export const BUILT_CLI = join(ROOT, 'dist/backend/cli.js');

/** Fails with a useful message when the backend has not been built. */
export function assertBuilt(): void {
  if (!existsSync(BUILT_MAIN) || !existsSync(BUILT_CLI))
    throw new Error(`${BUILT_MAIN} is missing: build the backend first (npx nx run backend:build)`);
}

/**
 * The environment of a child process: this process's environment with `overrides` applied; an
 * override of `undefined` removes the variable.
 */
export function childEnv(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  readonly name: string;
  readonly port: number;
  readonly baseUrl: string;
  readonly child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  readonly output: string;
  readonly exited: boolean;
  /** Resolves when the process has exited, or with `null` after `timeoutMs`. */
  waitForExit(timeoutMs: number): Promise<ExitStatus | null>;
  /** Sends `signal` (default SIGTERM), and SIGKILL if the process is still there after `graceMs` (default 10 s). */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

const running = new Set<ServerProcess>();

export interface StartOptions {
  name: string;
  port: number;
  env: NodeJS.ProcessEnv;
  /** Default 60 s. */
  readyTimeoutMs?: number;
}

/** Starts the built server and resolves once `GET /api/v1/health/ready` answers 200. */
export async function startBuiltServer(options: StartOptions): Promise<ServerProcess> {
  assertBuilt();
  const child = spawn(process.execPath, [BUILT_MAIN], {
    cwd: ROOT,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exit: ExitStatus | null = null;
  const exited = new Promise<ExitStatus>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      running.delete(server);
      resolve(exit);
    }),
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const server: ServerProcess = {
    name: options.name,
    port: options.port,
    baseUrl,
    child,
    get output() {
      return output;
    },
    get exited() {
      return exit !== null;
    },
    waitForExit: (timeoutMs) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => resolve(null), timeoutMs);
        void exited.then((status) => (clearTimeout(timer), resolve(status)));
      }),
    stop: async (signal = 'SIGTERM', graceMs = 10_000) => {
      if (exit) return;
      child.kill(signal);
      if ((await server.waitForExit(graceMs)) === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
  running.add(server);
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (exit) throw new Error(`server ${options.name} exited while starting:\n${output}`);
    const ready = await fetch(`${baseUrl}/api/v1/health/ready`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return server;
    if (Date.now() > deadline) {
      await server.stop('SIGKILL');
      throw new Error(`server ${options.name} did not become ready:\n${output}`);
    }
    await sleep(200);
  }
}

/** Kills every server started here that is still running (for afterAll). */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop('SIGKILL')));
}

/** The last lines each running server wrote, for a failure message. */
export function runningServersOutput(): string {
  return [...running].map((s) => `--- output of ${s.name} ---\n${s.output.slice(-4000)}`).join('\n');
}

/**
 * Runs the built CLI (`migrate`, `seed-demo`, `create-admin`…) without blocking this process, which
 * may host a proxy the CLI talks through. Rejects when it exits with anything but 0.
 */
export async function runBuiltCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  assertBuilt();
  const child = spawn(process.execPath, [BUILT_CLI, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`cli ${args.join(' ')} exited with ${code}:\n${output}`);
  return output;
}
