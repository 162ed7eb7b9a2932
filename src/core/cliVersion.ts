// The AWS CLI step, pure: parse `aws --version` output and judge the installs found on PATH.
import type { CliInstall, Problem } from './model';
import { problem } from './problems';

/** The first CLI version that has `aws login`. */
export const LOGIN_MIN_VERSION = '2.32.0';

/** Parses `aws --version` output ("aws-cli/2.9.19 Python/3.11.2 …"); null when it is not an AWS CLI banner. */
export function parseAwsVersion(raw: string): { version: string; major: number } | null {
  const m = /aws-cli\/(\d+)\.(\d+)\.(\d+)/.exec(raw);
  if (!m) return null;
  return { version: `${m[1]}.${m[2]}.${m[3]}`, major: Number(m[1]) };
}

/** Compares dotted numeric versions: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Builds a CliInstall from a path and the text `--version` printed (stdout + stderr: v1 once printed to stderr). */
export function cliInstallFrom(path: string, output: string): CliInstall {
  const v = parseAwsVersion(output);
  return { path, version: v?.version ?? null, major: v?.major ?? null, raw: output.trim().split('\n')[0] ?? '' };
}

/** How to install the AWS CLI v2 on each OS, plus the alternatives that need no install. */
export function installGuidance(platform: string): string {
  const alt =
    'No install needed: the AWS CLI Docker image (docker run --rm -it amazon/aws-cli --version) or AWS CloudShell in the browser.';
  const guide = 'https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html';
  switch (platform) {
    case 'darwin':
      return `Install the AWS CLI v2 with the macOS package (curl "https://awscli.amazonaws.com/AWSCLIV2.pkg" -o AWSCLIV2.pkg && sudo installer -pkg AWSCLIV2.pkg -target /), see ${guide}. ${alt}`;
    case 'win32':
      return `Install the AWS CLI v2 with the Windows installer (msiexec.exe /i https://awscli.amazonaws.com/AWSCLIV2.msi), see ${guide}. ${alt}`;
    default:
      return `Install the AWS CLI v2 from AWS's zip (curl "https://awscli.amazonaws.com/awscli-exe-linux-x86_64.zip" -o awscliv2.zip && unzip awscliv2.zip && sudo ./aws/install), see ${guide}. ${alt}`;
  }
}

/** The problems of the `cli` step, from every install found on PATH (first one wins). */
export function judgeCliInstalls(installs: CliInstall[], platform: string): Problem[] {
  const out: Problem[] = [];
  const first = installs[0];
  if (!first) {
    out.push(problem('cli-missing', `No \`aws\` command was found on PATH. ${installGuidance(platform)}`));
    return out;
  }
  const v2 = installs.find((i) => i.major !== null && i.major >= 2);
  if (first.version === null) {
    out.push(
      problem(
        'cli-broken',
        `\`${first.path}\` is first on PATH but \`aws --version\` did not print a version (${first.raw || 'no output'}). Reinstall the AWS CLI v2. ${installGuidance(platform)}`,
      ),
    );
  } else if (first.major === 1) {
    out.push(
      problem(
        'cli-v1',
        v2
          ? `\`aws\` runs AWS CLI ${first.version} (version 1) from ${first.path}, which comes before AWS CLI ${v2.version} at ${v2.path} on PATH. Remove version 1 (e.g. pip uninstall awscli) or put ${dirOf(v2.path)} earlier in PATH.`
          : `\`aws\` runs AWS CLI ${first.version} (version 1) from ${first.path}. Version 1 lacks SSO sessions and aws login; uninstall it (e.g. pip uninstall awscli) and install version 2. ${installGuidance(platform)}`,
      ),
    );
  } else if (first.major !== null && first.major >= 2 && compareVersions(first.version, LOGIN_MIN_VERSION) < 0) {
    out.push(
      problem(
        'cli-old-for-login',
        `AWS CLI ${first.version} works, but \`aws login\` (console credentials) needs ${LOGIN_MIN_VERSION} or newer. Update the AWS CLI to use it.`,
      ),
    );
  }
  if (installs.length > 1) {
    const others = installs.slice(1).map((i) => `${i.path} (${i.version ?? 'unknown version'})`);
    out.push(
      problem(
        'cli-shadowed',
        `${installs.length} AWS CLI installs are on PATH; \`aws\` runs the first, ${first.path} (${first.version ?? 'unknown version'}). Also found: ${others.join(', ')}.`,
      ),
    );
  }
  return out;
}

function dirOf(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i > 0 ? p.slice(0, i) : p;
}
