// `aws-prereqs set (--profile NAME | --sso-session NAME) KEY=VALUE… [--stdin]`: writes settings like
// `aws configure set`, byte-preserving and atomic. Secrets are refused on the command line (shell
// history) and read from standard input; no value is ever printed.
import { EditError } from '../core/awsFileEdits';
import { isSecretKey, readAsCli } from '../core/iniCli';
import { applySettings, FileChangedError, FileNotEditableError, readForEdit } from '../node/awsFileWriter';
import { parseFlags, UsageError, type CliIo } from './io';

const SECRET_ON_ARGV = (key: string, where: string) =>
  `${key} must not be given on the command line, where it would stay in your shell history. ` +
  `Run \`aws-prereqs set ${where} --stdin\`, type ${key}=… and press Ctrl-D, or pipe the line in from a file.`;

/** Parses KEY=VALUE arguments or stdin lines into changes; names positions, never values, in errors. */
function parsePairs(items: { text: string; where: string }[], into: Record<string, string>, fromStdin: boolean, targetFlag: string): void {
  for (const { text, where } of items) {
    const eq = text.indexOf('=');
    if (eq <= 0) throw new UsageError(`${where} is not KEY=VALUE`);
    const key = text.slice(0, eq).trim();
    // Checked here so the message names the position: a mistyped line may hold a secret.
    if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)?$/.test(key)) throw new UsageError(`${where}: the name before = is not a setting name (letters, digits, _ and -, one dot for a sub-setting)`);
    // Surrounding spaces are dropped, as the AWS CLI drops them when it reads the file.
    const value = fromStdin ? text.slice(eq + 1).trim() : text.slice(eq + 1);
    if (!fromStdin && isSecretKey(key)) throw new UsageError(SECRET_ON_ARGV(key, targetFlag));
    if (Object.prototype.hasOwnProperty.call(into, key)) throw new UsageError(`${key} is given twice`);
    into[key] = value;
  }
}

/** Runs `aws-prereqs set`. Exit 0 written (or nothing to change), 1 written but the AWS CLI still refuses a file, 2 usage or I/O error. */
export async function runSet(args: string[], io: CliIo): Promise<number> {
  try {
    const { flags, positional } = parseFlags(args, { profile: 'string', 'sso-session': 'string', stdin: 'boolean' });
    const profile = flags.profile as string | undefined;
    const ssoSession = flags['sso-session'] as string | undefined;
    if ((profile === undefined) === (ssoSession === undefined)) throw new UsageError('give exactly one of --profile NAME or --sso-session NAME');
    const targetFlag = profile !== undefined ? `--profile ${profile}` : `--sso-session ${ssoSession}`;
    const changes: Record<string, string> = {};
    parsePairs(positional.map((text, i) => ({ text, where: `argument ${i + 1} after the options` })), changes, false, targetFlag);
    if (flags.stdin) {
      const lines = (await io.readStdin()).split('\n');
      const items = lines
        .map((l, i) => ({ text: l.replace(/\r$/, ''), where: `line ${i + 1} of standard input` }))
        .filter((l) => l.text.trim() !== '' && !l.text.trim().startsWith('#'));
      parsePairs(items, changes, true, targetFlag);
    }
    const keys = Object.keys(changes);
    if (keys.length === 0) throw new UsageError('nothing to set: give KEY=VALUE arguments, or --stdin');
    if (ssoSession !== undefined) {
      const secret = keys.find((k) => isSecretKey(k) || k.toLowerCase() === 'aws_access_key_id');
      if (secret) throw new UsageError(`${secret} belongs to a profile, not to an [sso-session]`);
    }
    const target = profile !== undefined ? { profile } : { ssoSession: ssoSession! };
    const { written, keys: keysByFile } = await applySettings(io.env, target, changes);
    const label = profile !== undefined ? `profile ${profile}` : `sso-session ${ssoSession}`;
    if (written.length === 0) {
      io.out(`Nothing to change: ${label} already has ${keys.join(', ')} as given.`);
      return 0;
    }
    for (const file of written) io.out(`Updated ${file} (${label}: ${(keysByFile[file] ?? keys).join(', ')}).`);
    // Our edit cannot fix a file the AWS CLI already refused (a duplicate section elsewhere, say): say so.
    const texts = await Promise.all(written.map(async (f) => ({ path: f, text: (await readForEdit(f)).text })));
    const refusals = texts.flatMap((f) => readAsCli(f, { path: '', text: null }).problems.filter((p) => p.blocksCli));
    for (const p of refusals) io.err(`aws-prereqs: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
    return refusals.length > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`aws-prereqs set: ${e.message.replace(/\.$/, '')}. Run aws-prereqs --help.`);
      return 2;
    }
    if (e instanceof EditError || e instanceof FileChangedError || e instanceof FileNotEditableError) {
      io.err(`aws-prereqs set: ${e.message}`);
      return 2;
    }
    const code = (e as NodeJS.ErrnoException).code;
    // Node's file errors name the call and the path; never a value.
    io.err(`aws-prereqs set: could not write the AWS files${code ? ` (${(e as Error).message.split('\n')[0]})` : ''}.`);
    return 2;
  }
}
