// What the setup guide shows, derived from the engine's report (no status of its own). Pure — it
// imports neither vscode nor node — so test/unit/setupGuideModel.test.ts runs it in plain Node; it
// lives next to the panel host because only the host uses it.
import { compareVersions, LOGIN_MIN_VERSION } from '../core/cliVersion';
import type { AwsFiles, CheckReport, Problem, ProfileCheck, StepId } from '../core/model';
import { overwrites, previewChanges } from '../core/setupValidation';
import type { GuideResult, GuideState, GuideStep, GuideWarning } from '../protocol';

const STEP_TITLES: Record<StepId, string> = {
  account: 'An AWS account',
  credentials: 'Credentials the AWS CLI can use',
  security: 'Safe credentials (no root user, short-lived keys)',
  cli: 'The AWS CLI v2',
};

/** Why `aws login` cannot be used with the CLI first on PATH, or null when it can. */
export function loginUnavailable(report: CheckReport | null): string | null {
  const first = report?.cliInstalls[0];
  if (!report) return null;
  if (!first) return `The AWS CLI is not installed. aws login needs AWS CLI ${LOGIN_MIN_VERSION} or newer: install it (see "Install or update the AWS CLI v2"), then come back.`;
  if (first.version === null) return `\`${first.path}\` does not run. Reinstall the AWS CLI v2 (${LOGIN_MIN_VERSION} or newer), then come back.`;
  if (first.major !== 2) return `The \`aws\` first on PATH (${first.path}) is AWS CLI version ${first.version}. aws login needs AWS CLI v2 ${LOGIN_MIN_VERSION} or newer: install it, then come back.`;
  if (compareVersions(first.version, LOGIN_MIN_VERSION) < 0)
    return `AWS CLI ${first.version} is installed; aws login needs ${LOGIN_MIN_VERSION} or newer. Update the AWS CLI, then come back — or use IAM Identity Center below.`;
  return null;
}

/** The guide's start page state from the latest report and file read. */
export function guideState(report: CheckReport | null, files: AwsFiles | null, checking: boolean): GuideState {
  const steps: GuideStep[] = (report?.steps ?? []).map((s) => ({ id: s.id, status: s.status, title: STEP_TITLES[s.id] ?? s.id, summary: s.summary }));
  const first = report?.cliInstalls[0];
  const cli = files?.analysis.cli;
  return {
    steps,
    cliVersion: first && first.major === 2 ? first.version : null,
    loginUnavailable: loginUnavailable(report),
    profiles: cli ? Object.keys(cli.profiles).sort() : (report?.profiles.map((p) => p.name) ?? []),
    ssoSessions: cli ? Object.keys(cli.ssoSessions).sort() : [],
    activeProfile: report?.activeProfile ?? null,
    checking,
  };
}

const toWarning = (p: Problem): GuideWarning => ({ code: p.code, message: p.message });

/** The result page for a profile just set up, from its check and the report's problems that name it. */
export function guideResult(check: ProfileCheck, report: CheckReport | null, inUse: boolean): GuideResult {
  const seen = new Set<string>();
  const all: Problem[] = [];
  const more = [...(report?.problems ?? []), ...(report?.steps.flatMap((s) => s.problems) ?? [])].filter((p) => p.profile === check.name);
  for (const p of [...check.problems, ...more]) {
    const k = `${p.code}\u0000${p.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    all.push(p);
  }
  const ok = check.identity !== null;
  // With an identity, what is left are warnings (root user, long-term key, …); without one, the
  // errors say what to fix and the rest stays in warnings.
  const errors = ok ? [] : all.filter((p) => p.severity === 'error').map(toWarning);
  const warnings = (ok ? all.filter((p) => p.severity !== 'info' || p.code === 'long-term-key') : all.filter((p) => p.severity !== 'error')).map(toWarning);
  if (!ok && errors.length === 0) errors.push({ code: 'check-skipped', message: 'The identity could not be verified. Check your network connection and try again.' });
  return {
    profile: check.name,
    ok,
    account: check.identity?.account ?? null,
    arn: check.identity?.arn ?? null,
    errors,
    warnings,
    inUse,
  };
}

/** The current settings of a profile as the AWS CLI reads it (string values only), or null when it does not exist. */
export function profileSettings(files: AwsFiles | null, name: string): Record<string, string> | null {
  const p = files?.analysis.cli.profiles[name];
  if (!p) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.settings)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Does the profile now use `aws login` (a login_session the CLI reads)? */
export function hasLoginSession(files: AwsFiles | null, name: string): boolean {
  const v = files?.analysis.cli.profiles[name]?.settings.login_session;
  return typeof v === 'string' && v.trim() !== '';
}

/**
 * Why an existing [sso-session NAME] must not be rewritten with this start URL or Region (other profiles
 * use it), or null when it is new or the same.
 */
export function sessionConflict(files: AwsFiles | null, name: string, startUrl: string, region: string): string | null {
  const sec = files?.analysis.cli.ssoSessions[name];
  if (!sec) return null;
  const url = typeof sec.settings.sso_start_url === 'string' ? sec.settings.sso_start_url.trim() : '';
  const reg = typeof sec.settings.sso_region === 'string' ? sec.settings.sso_region.trim() : '';
  if ((url === '' || url === startUrl.trim()) && (reg === '' || reg === region)) return null;
  return `A session named ${name} already exists for ${url || 'another start URL'} (${reg || 'no Region'}). Choose another session name, so the profiles that use it keep working.`;
}

/** Why saving an Identity Center profile would clobber an existing profile, or null when it is new or only gains settings. */
export function profileConflict(files: AwsFiles | null, name: string, changes: Record<string, string | null>): string | null {
  const existing = profileSettings(files, name);
  if (!existing) return null;
  const preview = previewChanges(existing, changes);
  if (!overwrites(preview)) return null;
  const keys = preview.filter((c) => c.change === 'replace' || c.change === 'remove').map((c) => c.key);
  return `Profile ${name} already exists, and saving would change ${keys.join(', ')}. Choose another profile name.`;
}
