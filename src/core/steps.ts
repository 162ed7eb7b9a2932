// The four prerequisite steps (account, credentials, security, cli) judged from what the engine found. Pure:
// the fronts only display these verdicts.
import type { CliInstall, Problem, ProfileCheck, ProfileStatus, Step, StepStatus } from './model';
import { problem, stepOf } from './problems';

/** Everything the verdicts depend on. */
export interface StepInput {
  /** Problems of the files themselves (both readings, de-duplicated). */
  fileProblems: Problem[];
  profiles: ProfileCheck[];
  /** The check of the environment-variable keys, when they are set. */
  environment: ProfileCheck | null;
  /** The profile the AWS CLI uses by default (after AWS_PROFILE etc.). */
  activeProfile: string | null;
  /** Whether the CLI would use the environment keys rather than the active profile. */
  cliUsesEnvironment: boolean;
  /** Problems not tied to one profile: env-keys, insecure-permissions, env-overrides-profile. */
  globalProblems: Problem[];
  cliInstalls: CliInstall[];
  cliProblems: Problem[];
  offline: boolean;
}

/** A profile's status from its problems and whether it was checked. */
export function profileStatus(problems: Problem[], checked: boolean, identityFound: boolean): ProfileStatus {
  if (problems.some((p) => p.severity === 'error')) return 'error';
  if (!checked && !identityFound) return 'unchecked';
  if (problems.some((p) => p.severity === 'warning')) return 'warn';
  return identityFound ? 'ok' : 'unchecked';
}

const worst = (ps: Problem[]): StepStatus =>
  ps.some((p) => p.severity === 'error') ? 'fail' : ps.some((p) => p.severity === 'warning') ? 'warn' : 'pass';

function dedupe(ps: Problem[]): Problem[] {
  const seen = new Set<string>();
  return ps.filter((p) => {
    const k = `${p.code}|${p.profile ?? ''}|${p.file ?? ''}|${p.line ?? ''}|${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Judges the four steps. */
export function judgeSteps(i: StepInput): Step[] {
  const checks = [...(i.environment ? [i.environment] : []), ...i.profiles];
  const all = dedupe([...i.fileProblems, ...i.globalProblems, ...checks.flatMap((c) => c.problems)]);
  const ofStep = (id: string) => all.filter((p) => stepOf(p.code) === id);
  return [accountStep(i, checks), credentialsStep(i, ofStep('credentials')), securityStep(i, ofStep('security')), cliStep(i)];
}

function accountStep(i: StepInput, checks: ProfileCheck[]): Step {
  const confirmed = checks.filter((c) => c.identity);
  const accounts = [...new Set(confirmed.map((c) => c.identity!.account))];
  if (accounts.length) {
    const by = confirmed[0]!.name;
    return {
      id: 'account',
      status: 'pass',
      summary:
        accounts.length === 1
          ? `AWS account ${accounts[0]} confirmed (via ${by === 'environment' ? 'the environment keys' : `profile ${by}`}).`
          : `${accounts.length} AWS accounts confirmed: ${accounts.join(', ')}.`,
      problems: [],
    };
  }
  if (i.offline || (checks.length > 0 && checks.every((c) => c.status === 'unchecked'))) {
    return { id: 'account', status: 'unknown', summary: 'Not checked: identities are only confirmed online.', problems: [] };
  }
  const msg =
    checks.length === 0
      ? 'No credentials are configured, so no AWS account could be confirmed. Create an account at https://portal.aws.amazon.com/billing/signup, then add credentials.'
      : 'No profile could confirm an AWS account: fix the credentials problems below. If you have no account yet, create one at https://portal.aws.amazon.com/billing/signup.';
  const p = problem('no-account', msg);
  return { id: 'account', status: 'fail', summary: checks.length === 0 ? 'No AWS account confirmed: no credentials.' : 'No AWS account confirmed: no profile works.', problems: [p] };
}

function credentialsStep(i: StepInput, problems: Problem[]): Step {
  const blocking = problems.filter((p) => p.blocksCli);
  const target = i.cliUsesEnvironment ? i.environment : i.profiles.find((p) => p.name === i.activeProfile) ?? null;
  const working = [...(i.environment ? [i.environment] : []), ...i.profiles].filter((c) => c.status === 'ok' || c.status === 'warn');
  const targetName = i.cliUsesEnvironment ? 'the environment keys' : `profile ${i.activeProfile ?? 'default'}`;
  if (blocking.length) {
    return { id: 'credentials', status: 'fail', summary: `The AWS CLI refuses your files (${blocking.length} problem${blocking.length > 1 ? 's' : ''}): fix them first.`, problems };
  }
  if (i.profiles.length === 0 && !i.environment) {
    return { id: 'credentials', status: 'fail', summary: 'No credentials are configured: sign in with IAM Identity Center or aws login.', problems };
  }
  if (i.offline) {
    const s = worst(problems);
    return {
      id: 'credentials',
      status: s === 'fail' ? 'fail' : 'unknown',
      summary: `${i.profiles.length} profile${i.profiles.length === 1 ? '' : 's'} read; identities not checked (offline).`,
      problems,
    };
  }
  if (!target) {
    if (working.length) {
      return {
        id: 'credentials',
        status: 'warn',
        summary: `${targetName} does not exist, so plain \`aws\` commands fail; ${working.length} other profile${working.length > 1 ? 's' : ''} work (use --profile ${working[0]!.name}).`,
        problems,
      };
    }
    return { id: 'credentials', status: 'fail', summary: `No working credentials: ${targetName} does not exist and no other profile works.`, problems };
  }
  if (target.status === 'error') return { id: 'credentials', status: 'fail', summary: `${cap(targetName)} does not work: ${target.problems.find((p) => p.severity === 'error')?.message ?? ''}`.trim(), problems };
  if (target.status === 'unchecked') {
    return { id: 'credentials', status: 'unknown', summary: `${cap(targetName)} was not checked.`, problems };
  }
  const id = target.identity;
  const who = id ? `${id.arn}` : 'an identity';
  const s = worst(problems);
  const others = i.profiles.filter((p) => p.status === 'error').length;
  return {
    id: 'credentials',
    status: s === 'pass' ? 'pass' : 'warn',
    summary:
      `${cap(targetName)} works as ${who}.` +
      (others ? ` ${others} other profile${others > 1 ? 's' : ''} ha${others > 1 ? 've' : 's'} problems.` : s !== 'pass' ? ' Some warnings.' : ''),
    problems,
  };
}

function securityStep(i: StepInput, problems: Problem[]): Step {
  const s = worst(problems);
  const summary =
    s === 'pass'
      ? i.offline
        ? 'No risk found in the files (the root-user check needs the online check).'
        : 'No security risk found.'
      : problems.some((p) => p.code === 'root-user')
        ? 'The root user is in use: create an everyday identity instead.'
        : `${problems.length} security finding${problems.length > 1 ? 's' : ''}: ${[...new Set(problems.map((p) => p.code))].join(', ')}.`;
  return { id: 'security', status: s, summary, problems };
}

function cliStep(i: StepInput): Step {
  const first = i.cliInstalls[0];
  const s = worst(i.cliProblems);
  const summary = !first
    ? 'The AWS CLI is not installed.'
    : s === 'fail'
      ? first.major === 1
        ? `\`aws\` is AWS CLI ${first.version} (version 1) at ${first.path}: version 2 is needed.`
        : `\`aws\` at ${first.path} does not run properly.`
      : `AWS CLI ${first.version} at ${first.path}.`;
  return { id: 'cli', status: s, summary, problems: i.cliProblems };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
