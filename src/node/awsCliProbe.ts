// Finds every `aws` on PATH (no shell: we walk PATH ourselves, first one wins) and asks each for its version.
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdirSync, openSync, readFileSync, readSync, closeSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { devNull, homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
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
      {
        timeout: timeoutMs,
        windowsHide: true,
        // The CLI parses the config file before it answers --version and exits 255 on a file it refuses;
        // that refusal is the Credentials step's problem, not a broken install, so ask with empty files.
        env: { ...env, AWS_PAGER: '', AWS_CONFIG_FILE: devNull, AWS_SHARED_CREDENTIALS_FILE: devNull },
        maxBuffer: 64 * 1024,
        killSignal: 'SIGKILL',
      },
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

/** Every install on PATH with its version, in PATH order (cached per executable, see versionCacheKey). */
export async function probeAwsCli(
  o: { env?: NodeJS.ProcessEnv; timeoutMs?: number; platform?: NodeJS.Platform; cache?: boolean; now?: () => number } = {},
): Promise<CliInstall[]> {
  const env = o.env ?? process.env;
  const now = o.now ?? Date.now;
  const paths = findAwsOnPath(env, o.platform ?? process.platform);
  const useCache = o.cache ?? true;
  const file = useCache ? cacheFile(env) : null;
  const disk = file ? readCache(file) : {};
  let changed = false;
  const installs = await Promise.all(
    paths.map(async (p) => {
      const key = useCache ? versionCacheKey(p, env) : null;
      const hit = key ? (memory.get(p) ?? disk[p]) : undefined;
      if (key && hit && hit.key === key.key && now() - hit.at < key.ttlMs) return cliInstallFrom(p, hit.output);
      const inst = await probeVersion(p, o.timeoutMs ?? 10_000, env);
      // Only a real answer is cached: a timeout or crash is probed again next time.
      if (key && inst.version !== null) {
        const entry = { key: key.key, output: inst.raw, at: now() };
        memory.set(p, entry);
        disk[p] = entry;
        changed = true;
      }
      return inst;
    }),
  );
  if (file && changed) writeCache(file, disk);
  return installs;
}

interface CacheEntry {
  key: string;
  output: string;
  at: number;
}

const memory = new Map<string, CacheEntry>();
const DAY = 24 * 3600_000;
/** Version-manager shims (pyenv, asdf, mise, rbenv…) pick the real program at run time: cache them briefly. */
const SHIM_TTL = 10 * 60_000;

/**
 * What must be unchanged for a cached `aws --version` answer to hold: the file's real path, size, mtime and
 * inode — an install or upgrade replaces the file. For version-manager shims the chosen version also depends on
 * the environment and the current folder, so those are part of the key and the answer is kept 10 minutes only.
 */
export function versionCacheKey(path: string, env: NodeJS.ProcessEnv): { key: string; ttlMs: number } | null {
  try {
    const real = realpathSync(path);
    const st = statSync(real);
    let head = '';
    if (st.size < 64 * 1024) {
      const fd = openSync(real, 'r');
      try {
        const buf = Buffer.alloc(Math.min(2048, st.size));
        readSync(fd, buf, 0, buf.length, 0);
        head = buf.toString('latin1');
      } finally {
        closeSync(fd);
      }
    }
    const shim = /pyenv|asdf|mise|rtx|rbenv|nodenv|shim/i.test(real + '\n' + head);
    const base = `${real}|${st.size}|${st.mtimeMs}|${st.ino}`;
    if (!shim) return { key: base, ttlMs: DAY };
    const envPart = Object.keys(env)
      .filter((k) => /^(PYENV|ASDF|MISE)_/.test(k))
      .sort()
      .map((k) => `${k}=${env[k]}`)
      .join(';');
    return { key: `${base}|${envPart}|${process.cwd()}`, ttlMs: SHIM_TTL };
  } catch {
    return null;
  }
}

function cacheFile(env: NodeJS.ProcessEnv): string | null {
  const home = env.HOME || env.USERPROFILE || homedir();
  if (!home) return null;
  const base =
    process.platform === 'win32'
      ? (env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'))
      : process.platform === 'darwin'
        ? join(home, 'Library', 'Caches')
        : (env.XDG_CACHE_HOME || join(home, '.cache'));
  return join(base, 'aws-prereqs', 'aws-cli-versions.json');
}

function readCache(file: string): Record<string, CacheEntry> {
  try {
    const j = JSON.parse(readFileSync(file, 'utf8')) as Record<string, CacheEntry>;
    return j && typeof j === 'object' ? j : {};
  } catch {
    return {};
  }
}

// A cache is an optimisation: any failure to write it is ignored. Written atomically (rename) so a parallel
// run never reads half a file.
function writeCache(file: string, data: Record<string, CacheEntry>): void {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    /* ignored */
  }
}
