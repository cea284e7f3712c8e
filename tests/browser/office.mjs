// The real office for the browser test: fieldproof-server with demo data on an ephemeral
// 127.0.0.1 port, a simulated tablet (the real fieldproof-sync) that sends inspections with
// real JPEG photos, and read-only SQL on the office's and the tablet's databases.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const RUN_TIMEOUT_MS = 60_000;

export function run(bin, args, input) {
  return execFileSync(bin, args, { input, timeout: RUN_TIMEOUT_MS, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/// One value of a query, by the sqlite3 shell (not through the server under test).
export function sql(dbFile, query) {
  return run('sqlite3', ['-readonly', dbFile, query]).trim();
}

export class Office {
  constructor({ server, sync, dir }) {
    this.server = server;
    this.sync = sync;
    this.dir = dir;
    this.data = path.join(dir, 'server');
    this.tablet = path.join(dir, 'tablet.db');
    this.db = path.join(this.data, 'office.db');
    this.log = path.join(dir, 'server.log');
  }

  async start() {
    run(this.server, ['demo', '--data', this.data]);
    const log = fs.openSync(this.log, 'w');
    this.proc = spawn(this.server, ['serve', '--data', this.data, '--listen', '127.0.0.1:0', '--session-seconds', '900'],
      { stdio: ['ignore', 'pipe', log] });
    this.url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the server did not say where it listens within 20 s')), 20_000);
      let out = '';
      this.proc.stdout.on('data', (chunk) => {
        out += chunk;
        const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
        if (m) { clearTimeout(timer); resolve(m[1]); }
      });
      this.proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`the server exited with ${code}`)); });
    });
  }

  /// A tablet of inspector zhang enrols, pulls, records `n` final inspections and syncs.
  tabletSync(n) {
    run(this.sync, ['enroll', '--db', this.tablet, '--server', this.url, '--username', 'zhang'], 'zhang-demo-2017\n');
    run(this.sync, ['run', '--db', this.tablet]);
    run(this.sync, ['simulate', '--db', this.tablet, '--inspections', String(n), '--photos', String(n + 2),
      '--photo-bytes', '120000', '--seed', '7']);
    this.syncAgain();
  }

  syncAgain() {
    run(this.sync, ['run', '--db', this.tablet]);
  }

  async stop() {
    if (!this.proc || this.proc.exitCode !== null) return;
    const exited = new Promise((resolve) => this.proc.on('exit', resolve));
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}
