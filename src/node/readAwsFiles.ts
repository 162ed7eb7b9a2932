// Reads the user's AWS config and credentials files from disk and analyses them. Never throws on bad input:
// a missing file is simply absent; a folder, an unreadable file, a dangling link, a huge file or bytes that are
// not UTF-8 become a problem naming the file (and what could be decoded is still read).
import { lstat, readFile, readlink, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { analyzeFiles } from '../core/analyzeFiles';
import { locateFiles, type PathPlatform } from '../core/locate';
import type { AwsFiles, FileInput } from '../core/model';

/** Files larger than this are reported (and still read): real AWS files are a few KB. */
export const LARGE_FILE_BYTES = 1024 * 1024;
/** Files larger than this are not read at all: they cannot be AWS files and would cost memory. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Locates, reads and analyses both files as the AWS CLI v2 would see them with this environment. */
export async function readAwsFiles(env: NodeJS.ProcessEnv = process.env): Promise<AwsFiles> {
  const platform: PathPlatform = process.platform === 'win32' ? 'win32' : process.platform === 'darwin' ? 'darwin' : 'linux';
  const located = locateFiles(env, platform, homedir());
  const [config, credentials] = await Promise.all([readFileInput(located.configFile), readFileInput(located.credentialsFile)]);
  return {
    configFile: located.configFile,
    credentialsFile: located.credentialsFile,
    config,
    credentials,
    analysis: analyzeFiles(config, credentials),
    activeProfile: located.profile,
  };
}

/** Reads one file into a FileInput; every failure is data, never an exception. */
export async function readFileInput(path: string): Promise<FileInput> {
  try {
    let st;
    try {
      st = await stat(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        // A dangling symbolic link looks like a missing file to stat; say so rather than pretend nothing is there.
        const link = await lstat(path).catch(() => null);
        if (link?.isSymbolicLink()) {
          const target = await readlink(path).catch(() => '?');
          return unreadable(path, `${path} is a link to ${target}, which does not exist. The AWS CLI treats the file as missing; fix or remove the link.`);
        }
        return { path, text: null };
      }
      return unreadable(path, describe(path, e));
    }
    if (st.isDirectory()) return unreadable(path, `${path} is a folder, not a file. The AWS CLI ignores it; move it away and create the file.`);
    if (!st.isFile()) return unreadable(path, `${path} is not a regular file (a device, pipe or socket). AWS tools cannot read it as settings.`);
    if (st.size > MAX_FILE_BYTES) {
      return { path, text: null, error: `${path} is ${(st.size / 1048576).toFixed(0)} MB, far too large to be an AWS settings file; it was not read.`, errorCode: 'file-too-large' };
    }
    const bytes = await readFile(path);
    return decode(path, bytes);
  } catch (e) {
    return unreadable(path, describe(path, e));
  }
}

/** Decodes bytes as UTF-8 like the AWS CLI (Python, UTF-8): invalid bytes make it refuse the file. */
export function decode(path: string, bytes: Uint8Array): FileInput {
  const bad = firstInvalidUtf8(bytes);
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
  if (bad !== -1) {
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 10) line++;
    return {
      path,
      text,
      error: `${path} is not valid UTF-8 text (first bad byte on line ${line}). The AWS CLI refuses to read it; save it as UTF-8 or recreate it with \`aws configure\`.`,
      errorCode: 'file-not-text',
      errorLine: line,
    };
  }
  if (bytes.length > LARGE_FILE_BYTES) {
    return { path, text, error: `${path} is ${(bytes.length / 1048576).toFixed(1)} MB; AWS settings files are normally a few KB. Check that it is the right file.`, errorCode: 'file-too-large' };
  }
  return { path, text };
}

/** Offset of the first byte that breaks UTF-8 (overlongs, surrogates and > U+10FFFF included), or -1. Linear. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = c & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function unreadable(path: string, error: string): FileInput {
  return { path, text: null, error, errorCode: 'file-unreadable' };
}

function describe(path: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return `${path} cannot be read: permission denied. The AWS CLI cannot read it either; fix its permissions (chmod 600).`;
  if (code === 'EISDIR') return `${path} is a folder, not a file. The AWS CLI ignores it; move it away and create the file.`;
  if (code === 'ELOOP') return `${path} is a symbolic link that loops back on itself; fix or remove the link.`;
  return `${path} cannot be read (${code ?? 'unknown error'}).`;
}
