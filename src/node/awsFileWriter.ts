// Writes the AWS files safely: read a snapshot, edit it purely, then replace the file atomically
// (temp file in the same folder, fsync, rename, fsync the folder) — refusing when the file changed
// since it was read, keeping its mode, creating ~/.aws 0700 and new files 0600, following symlinks.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs, constants as fsc } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { EditError, planProfileEdit, setSectionKeys, type SectionChanges, type SectionTarget } from '../core/awsFileEdits';
import { locateFiles, type PathPlatform } from '../core/locate';
import { UserError } from '../core/userError';

/** What a file looked like when read for editing. */
export interface FileSnapshot {
  /** The path as given (may be a symlink). */
  path: string;
  /** The file actually read and written: the symlink's final target. */
  realPath: string;
  /** The file's text, or null when it does not exist. */
  text: string | null;
  /** Identity of what was read, compared again right before writing. */
  stamp: { exists: boolean; sha256: string; mode: number | null };
}

/** The file changed between reading it and writing it; nothing was written. */
export class FileChangedError extends UserError {
  override name = 'FileChangedError';
  constructor(readonly file: string) {
    super(`${file} changed since AWS Prereqs read it (another program or editor wrote to it); nothing was written. Try again.`);
  }
}

/** A file we will not edit as text (not UTF-8, not a regular file). */
export class FileNotEditableError extends UserError {
  override name = 'FileNotEditableError';
}

const sha = (b: Buffer | null) => (b === null ? '' : createHash('sha256').update(b).digest('hex'));

/** Follows a chain of symlinks to the path that holds the bytes (which may not exist yet). */
async function finalTarget(path: string): Promise<string> {
  let p = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      link = await fs.readlink(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EINVAL' || code === 'ENOENT' || code === 'UNKNOWN') return p;
      throw e;
    }
    p = isAbsolute(link) ? link : resolve(dirname(p), link);
  }
  throw new FileNotEditableError(`${path} is a loop of symbolic links; nothing was written.`);
}

async function readBytes(path: string): Promise<{ bytes: Buffer | null; mode: number | null }> {
  try {
    const st = await fs.stat(path);
    if (!st.isFile()) throw new FileNotEditableError(`${path} is not a regular file (a folder?); nothing was written.`);
    return { bytes: await fs.readFile(path), mode: st.mode & 0o7777 };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { bytes: null, mode: null };
    throw e;
  }
}

/** Reads a file for editing; text is null when it does not exist. Refuses files that are not UTF-8 text (we would lose bytes). */
export async function readForEdit(path: string): Promise<FileSnapshot> {
  const realPath = await finalTarget(path);
  const { bytes, mode } = await readBytes(realPath);
  let text: string | null = null;
  if (bytes !== null) {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      throw new FileNotEditableError(`${path} is not valid UTF-8 text, so AWS Prereqs will not edit it (bytes would be lost). Fix its encoding first.`);
    }
  }
  return { path, realPath, text, stamp: { exists: bytes !== null, sha256: sha(bytes), mode } };
}

/** Options of writeAtomic. */
export interface WriteOptions {
  /** Mode of a file we create (default 0600: the AWS files hold or point to secrets). */
  mode?: number;
  /** Also remove group/other permissions of an existing file (for the credentials file, when asked). */
  tightenMode?: boolean;
}

/** Creates the folder (and missing parents) 0700 when it is missing. */
async function ensureFolder(dir: string): Promise<void> {
  try {
    await fs.stat(dir);
    return;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await fs.chmod(dir, 0o700);
}

async function fsyncFolder(dir: string): Promise<void> {
  let h: fs.FileHandle | undefined;
  try {
    h = await fs.open(dir, fsc.O_RDONLY);
    await h.sync();
  } catch {
    // Some platforms (Windows) and file systems cannot fsync a folder; the rename is still atomic.
  } finally {
    await h?.close().catch(() => undefined);
  }
}

/**
 * Replaces the snapshot's file with `newText` atomically. Throws FileChangedError (writing nothing)
 * when the file changed since readForEdit. Leaves no temp file behind, whatever fails.
 */
export async function writeAtomic(snapshot: FileSnapshot, newText: string, opts: WriteOptions = {}): Promise<void> {
  const target = snapshot.realPath;
  const dir = dirname(target);
  await ensureFolder(dir);
  const now = await readBytes(target);
  if ((now.bytes !== null) !== snapshot.stamp.exists || sha(now.bytes) !== snapshot.stamp.sha256) throw new FileChangedError(snapshot.path);
  let mode = now.mode ?? opts.mode ?? 0o600;
  if (now.mode !== null && opts.tightenMode) mode &= ~0o077;
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let h: fs.FileHandle | undefined;
  try {
    h = await fs.open(temp, 'wx', mode);
    await h.writeFile(newText, 'utf8');
    // The umask may have narrowed the mode at creation; set exactly the mode we mean.
    await h.chmod(mode);
    const st = now.bytes !== null ? await fs.stat(target).catch(() => null) : null;
    if (st && process.getuid?.() === 0) await h.chown(st.uid, st.gid).catch(() => undefined);
    await h.sync();
    await h.close();
    h = undefined;
    await fs.rename(temp, target);
  } catch (e) {
    await h?.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw e;
  }
  await fsyncFolder(dir);
}

/** Sets a file's mode to 0600 (owner read/write only): the `insecure-permissions` fix. */
export async function fixPermissions(path: string): Promise<void> {
  await fs.chmod(await finalTarget(path), 0o600);
}

/** Where applySettings writes: a profile (routed over both files) or an `[sso-session]`. */
export type SettingsTarget = { profile: string } | { ssoSession: string };

/**
 * Edits the user's AWS files like `aws configure set`, but byte-preserving and atomic: locates the
 * files from the environment, routes keys (secrets to the credentials file), edits, writes.
 * Every edit is computed before anything is written, so a refused edit writes nothing.
 * Returns the files written and, for each, the keys routed to it.
 */
export async function applySettings(
  env: Record<string, string | undefined>,
  target: SettingsTarget,
  changes: SectionChanges,
  platform: PathPlatform = process.platform === 'win32' ? 'win32' : process.platform === 'darwin' ? 'darwin' : 'linux',
  home?: string,
): Promise<{ written: string[]; keys: Record<string, string[]> }> {
  const files = locateFiles(env, platform, home ?? homedir());
  const snapshots = new Map<string, FileSnapshot>();
  const snapshot = async (path: string) => {
    let s = snapshots.get(path);
    if (!s) snapshots.set(path, (s = await readForEdit(path)));
    return s;
  };
  const plans: { path: string; target: SectionTarget; changes: SectionChanges }[] = [];
  if ('profile' in target) {
    const credentials = await snapshot(files.credentialsFile);
    for (const r of planProfileEdit(target.profile, changes, credentials.text)) {
      plans.push({ path: r.target.file === 'config' ? files.configFile : files.credentialsFile, target: r.target, changes: r.changes });
    }
  } else {
    plans.push({ path: files.configFile, target: { file: 'config', kind: 'sso-session', name: target.ssoSession }, changes });
  }
  // Both files may be one (AWS_CONFIG_FILE = AWS_SHARED_CREDENTIALS_FILE): edits to one path compose.
  const texts = new Map<string, string>();
  const keys: Record<string, string[]> = {};
  for (const p of plans) {
    const s = await snapshot(p.path);
    try {
      texts.set(p.path, setSectionKeys(texts.get(p.path) ?? s.text ?? '', p.target, p.changes));
    } catch (e) {
      // Core does not know paths: name the file here.
      if (e instanceof EditError) throw new EditError(`${p.path}: ${e.message}`);
      throw e;
    }
    (keys[p.path] ??= []).push(...Object.keys(p.changes));
  }
  const written: string[] = [];
  for (const [path, text] of texts) {
    const s = snapshots.get(path)!;
    if (text === (s.text ?? '')) continue;
    await writeAtomic(s, text, { mode: 0o600 });
    written.push(path);
  }
  for (const path of Object.keys(keys)) if (!written.includes(path)) delete keys[path];
  return { written, keys };
}
