// `aws-prereqs profiles [--json] [--reading cli|sdk]`: the profiles as the AWS CLI v2 (or the AWS SDKs) read them,
// with every file problem. Exit 0 ok, 1 a problem of severity error, 2 usage or I/O error.
import { buildProfilesJson } from './profilesJson';
import { parseFlags, UsageError, type CliIo } from './io';
import { readAwsFiles } from '../node/readAwsFiles';

/** Runs `aws-prereqs profiles`. */
export async function runProfiles(args: string[], io: CliIo): Promise<number> {
  let json = false;
  let reading: 'cli' | 'sdk' = 'cli';
  try {
    const { flags, positional } = parseFlags(args, { json: 'boolean', reading: 'string' });
    if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"`);
    json = flags.json === true;
    if (flags.reading !== undefined) {
      if (flags.reading !== 'cli' && flags.reading !== 'sdk') throw new UsageError('--reading must be cli or sdk');
      reading = flags.reading;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`aws-prereqs profiles: ${e.message}. Usage: aws-prereqs profiles [--json] [--reading cli|sdk]`);
      return 2;
    }
    throw e;
  }
  const files = await readAwsFiles(io.env);
  const report = buildProfilesJson(files, reading);
  if (json) io.out(JSON.stringify(report, null, 2));
  else io.out(formatText(report, files.activeProfile.name));
  return report.problems.some((p) => p.severity === 'error') ? 1 : 0;
}

function formatText(r: ReturnType<typeof buildProfilesJson>, active: string): string {
  const lines: string[] = [`Config file:      ${r.configFile}`, `Credentials file: ${r.credentialsFile}`, `Reading:          ${r.reading === 'cli' ? 'AWS CLI v2' : 'AWS SDKs'}`, ''];
  if (r.profiles.length === 0) lines.push('No profiles.');
  const width = Math.max(7, ...r.profiles.map((p) => p.name.length));
  for (const p of r.profiles) {
    const where = p.sources.map((s) => `${s.file}:${s.line}`).join(', ');
    lines.push(`${p.name === active ? '*' : ' '} ${p.name.padEnd(width)}  ${p.kind.padEnd(18)}  ${where}`);
  }
  if (r.problems.length > 0) {
    lines.push('', 'Problems:');
    for (const p of r.problems) {
      const at = p.file ? `${p.file}${p.line !== null ? `:${p.line}` : ''}: ` : '';
      lines.push(`  ${at}${p.severity} [${p.code}]${p.blocksCli ? ' (the AWS CLI refuses this file)' : ''} ${p.message}`);
    }
  }
  return lines.join('\n');
}
