// Finds every `aws` on PATH (no shell: we walk PATH ourselves, first one wins) and asks each for its version.
import { execFile } from 'node:child_process';
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { cliInstallFrom } from '../core/cliVersion';
import type { CliInstall } from '../core/model';

/** Every `aws` executable on PATH in PATH order; the same file reached twice (symlinked dirs) is listed once. */
export function findAwsOnPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  const path = env.PATH ?? env.Path ?? '';
  const names =
    platform === 'win32'
      ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean).map((ext) => 'aws' + ext.toLowerCase())
      : ['aws'];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const dir of path.split(platform === 'win32' ? ';' : delimiter)) {
    if (!dir) continue;
    for (const n of names) {
      const p = join(dir, n);
      try {
        if (!statSync(p).isFile()) continue;
        if (platform !== 'win32') accessSync(p, constants.X_OK);
      } catch {
        continue;
      }
      let real = p;
      try {
        real = realpathSync(p);
      } catch {
        /* keep p */
      }
      if (seen.has(real)) continue;
      seen.add(real);
      out.push(p);
    }
  }
  return out;
}

/** Runs `PATH --version` without a shell, with a timeout; never throws. */
export function probeVersion(path: string, timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<CliInstall> {
  return new Promise((resolve) => {
    // .cmd/.bat cannot run without a shell on Windows; those are reported with no version.
    if (/\.(cmd|bat)$/i.test(path)) {
      resolve(cliInstallFrom(path, ''));
      return;
    }
    execFile(
      path,
      ['--version'],
      { timeout: timeoutMs, windowsHide: true, env: { ...env, AWS_PAGER: '' }, maxBuffer: 64 * 1024, killSignal: 'SIGKILL' },
      (err, stdout, stderr) => {
        const text = `${stdout ?? ''}\n${stderr ?? ''}`.trim();
        const inst = cliInstallFrom(path, text);
        if (err && inst.version === null) {
          inst.raw = (err as { killed?: boolean }).killed ? `no answer within ${timeoutMs} ms` : (text || err.message).split('\n')[0]!.slice(0, 200);
        }
        resolve(inst);
      },
    );
  });
}

/** Every install on PATH with its version, in PATH order. */
export async function probeAwsCli(o: { env?: NodeJS.ProcessEnv; timeoutMs?: number; platform?: NodeJS.Platform } = {}): Promise<CliInstall[]> {
  const env = o.env ?? process.env;
  const paths = findAwsOnPath(env, o.platform ?? process.platform);
  return Promise.all(paths.map((p) => probeVersion(p, o.timeoutMs ?? 10_000, env)));
}
