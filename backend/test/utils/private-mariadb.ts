import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConnection } from 'mysql2/promise';

function binary(names: readonly string[]): string | undefined {
  return names.flatMap((n) => [`/usr/sbin/${n}`, `/usr/bin/${n}`]).find((p) => existsSync(p));
}

/** The MariaDB server binaries, or `null` when they are not installed. */
export function mariadbBinaries(): { server: string; installDb: string } | null {
  const server = binary(['mariadbd', 'mysqld']);
  const installDb = binary(['mariadb-install-db', 'mysql_install_db']);
  return server && installDb ? { server, installDb } : null;
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * A MariaDB server of a test's own, in a data directory of its own, that the test may kill and
 * restart (root without a password, on loopback only).
 */
export class PrivateMariaDb {
  private process?: ChildProcess;
  private readonly dataDir: string;

  constructor(
    private readonly dir: string,
    readonly port: number,
  ) {
    this.dataDir = join(dir, 'data');
  }

  /** Creates a fresh data directory and starts the server on it. */
  async create(): Promise<void> {
    const binaries = mariadbBinaries();
    if (!binaries) throw new Error('this suite needs the MariaDB server (apt-get install mariadb-server)');
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dataDir, { recursive: true });
    const install = spawnSync(
      binaries.installDb,
      [
        '--no-defaults',
        `--datadir=${this.dataDir}`,
        '--user=root',
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
      ],
      { encoding: 'utf8' },
    );
    if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr}`);
    await this.start();
  }

  /** Starts the server on the existing data directory and waits until it accepts connections. */
  async start(): Promise<void> {
    const binaries = mariadbBinaries();
    if (!binaries) throw new Error('this suite needs the MariaDB server (apt-get install mariadb-server)');
    // Another server on the port would answer in this one's place.
    if (await portAnswers(this.port)) throw new Error(`port ${this.port} is already in use by another server`);
    const child = spawn(
      binaries.server,
      [
        '--no-defaults',
        `--datadir=${this.dataDir}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(this.dir, 'mysqld.sock')}`,
        `--pid-file=${join(this.dir, 'mysqld.pid')}`,
        '--user=root',
        '--skip-log-bin',
        '--innodb-buffer-pool-size=128M',
        '--innodb-flush-log-at-trx-commit=1',
        '--max-connections=300',
        `--log-error=${join(this.dir, 'mysqld.err')}`,
      ],
      { stdio: 'ignore' },
    );
    this.process = child;
    const started = Date.now();
    while (Date.now() - started < 60_000) {
      if (child.exitCode !== null) break;
      try {
        const c = await createConnection({ host: '127.0.0.1', port: this.port, user: 'root', connectTimeout: 1000 });
        await c.end();
        if (child.exitCode === null) return;
      } catch {
        await sleep(200);
      }
    }
    throw new Error(`MariaDB did not start (see ${join(this.dir, 'mysqld.err')})`);
  }

  /** SIGKILL: no shutdown, no flush beyond what InnoDB made durable. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** A connection as root, straight to the server (not through any proxy). */
  connect(database?: string) {
    return createConnection({ host: '127.0.0.1', port: this.port, user: 'root', database, dateStrings: true });
  }
}
