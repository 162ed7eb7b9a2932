// The terminal front's connection to the process: streams, environment, stdin. Injected so tests run it in-process.
import { readFileSync } from 'node:fs';

/** What a sub-command may use of the outside world. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Reads all of standard input (for secrets passed with --stdin). */
  readStdin(): Promise<string>;
  /** Is standard input a terminal (for MFA prompts)? */
  stdinIsTty: boolean;
  version: string;
}

/** The real process's io. */
export function cliIo(): CliIo {
  return {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
    env: process.env,
    readStdin: () =>
      new Promise((resolve, reject) => {
        let data = '';
        process.stdin.setEncoding('utf8');
        process.stdin.on('data', (c) => (data += c));
        process.stdin.on('end', () => resolve(data));
        process.stdin.on('error', reject);
      }),
    stdinIsTty: Boolean(process.stdin.isTTY),
    version: readVersion(),
  };
}

function readVersion(): string {
  try {
    return (JSON.parse(readFileSync(require("node:path").join(__dirname, "..", "package.json"), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** Parses `--flag value` / `--flag=value` / `--switch` arguments; unknown flags are a usage error. */
export function parseFlags(
  args: string[],
  spec: Record<string, 'string' | 'boolean'>,
): { flags: Record<string, string | boolean>; positional: string[] } {
  const flags: Record<string, string | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq === -1 ? undefined : eq);
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option --${name}`);
    if (kind === 'boolean') {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
    } else {
      const v = eq !== -1 ? a.slice(eq + 1) : args[++i];
      if (v === undefined) throw new UsageError(`--${name} needs a value`);
      flags[name] = v;
    }
  }
  return { flags, positional };
}

/** A usage error: exit code 2, one line on stderr. */
export class UsageError extends Error {}
