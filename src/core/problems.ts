// The one problem table: every problem any front shows has a row here.
// Sites build problems with `problem(code, message, extra)`; severity and blocksCli come from the row.

import type { Fix, Problem, Severity, StepId } from './model';

/** A row of the problem table. */
export interface ProblemRow {
  severity: Severity;
  /** The AWS CLI v2 refuses the whole file because of it. */
  blocksCli: boolean;
  /** The prerequisite step the problem counts against. */
  step: StepId;
  /** A short title for lists and docs. */
  title: string;
}

const row = (severity: Severity, step: StepId, title: string, blocksCli = false): ProblemRow => ({
  severity,
  step,
  title,
  blocksCli,
});

/** Every problem code, its default severity, step and title. Stable: tools and tests rely on the codes. */
export const PROBLEMS = {
  // ── files (engine part 1) ───────────────────────────────────────────────
  'file-unreadable': row('error', 'credentials', 'A file cannot be read'),
  'file-not-text': row('error', 'credentials', 'A file is not valid UTF-8 text', true),
  'file-too-large': row('warning', 'credentials', 'A file is unusually large'),
  'duplicate-section': row('error', 'credentials', 'The AWS CLI refuses a section written twice', true),
  'duplicate-key': row('error', 'credentials', 'The AWS CLI refuses a key written twice in one section', true),
  'bom': row('error', 'credentials', 'The AWS CLI refuses a file that starts with a byte-order mark', true),
  'line-without-equals': row('error', 'credentials', 'A line is neither a section, a setting nor a comment', true),
  'property-before-section': row('error', 'credentials', 'A setting appears before any [section]', true),
  'bad-section-header': row('error', 'credentials', 'A section header is not closed with ]', true),
  'empty-key': row('error', 'credentials', 'A setting has no name before =', true),
  'sdk-parse-error': row('error', 'credentials', 'AWS SDKs cannot read a line the AWS CLI accepts'),
  'profile-prefix-in-credentials': row('warning', 'credentials', '[profile x] in the credentials file'),
  'bare-section-in-config': row('warning', 'credentials', '[x] without "profile" in the config file'),
  'silent-continuation': row('warning', 'credentials', 'An indented line became part of the previous value'),
  'reading-differs': row('warning', 'credentials', 'The AWS CLI and the AWS SDKs read a line differently'),
  'sso-session-missing': row('error', 'credentials', 'sso_session names a section that does not exist'),
  'sso-session-incomplete': row('error', 'credentials', 'An [sso-session] lacks sso_start_url or sso_region'),
  'chain-cycle': row('error', 'credentials', 'source_profile goes round in a circle'),
  'source-profile-missing': row('error', 'credentials', 'source_profile names a profile that does not exist'),
  'credential-source-invalid': row('error', 'credentials', 'credential_source has a value the CLI does not know'),
  'role-source-conflict': row('error', 'credentials', 'A role profile has both source_profile and credential_source'),
  'role-source-missing': row('error', 'credentials', 'A role profile has neither source_profile nor credential_source'),
  'role-arn-missing': row('error', 'credentials', 'web_identity_token_file without role_arn'),
  'sso-profile-incomplete': row('error', 'credentials', 'An SSO profile lacks sso_account_id or sso_role_name'),
  'sso-setting-conflict': row('error', 'credentials', 'An SSO profile and its [sso-session] disagree'),
  'secret-missing': row('error', 'credentials', 'An access key ID has no secret access key'),
  'key-id-missing': row('error', 'credentials', 'A secret access key has no access key ID'),
  'invalid-profile-name': row('warning', 'credentials', 'A profile name has characters AWS tools ignore'),
  'profile-incomplete': row('warning', 'credentials', 'A profile has no way to get credentials'),
  'unknown-key': row('info', 'credentials', 'A setting no AWS tool knows'),
  'no-profiles': row('warning', 'credentials', 'No profiles are configured'),
  'profile-not-found': row('error', 'credentials', 'The selected profile does not exist'),
  // ── identities (engine part 2) ──────────────────────────────────────────
  'invalid-access-key-id': row('error', 'credentials', 'AWS does not know this access key'),
  'signature-mismatch': row('error', 'credentials', 'The secret access key is wrong'),
  'expired-token': row('error', 'credentials', 'The temporary credentials have expired'),
  'clock-skew': row('error', 'credentials', "This computer's clock is wrong"),
  'timeout': row('error', 'credentials', 'AWS did not answer in time'),
  'unreachable': row('error', 'credentials', 'AWS cannot be reached'),
  'tls-error': row('error', 'credentials', 'The secure connection to AWS failed'),
  'throttled': row('warning', 'credentials', 'AWS asked us to slow down'),
  'access-denied': row('error', 'credentials', 'AWS denied the request'),
  'service-error': row('error', 'credentials', 'AWS answered with an error'),
  'sso-token-missing': row('error', 'credentials', 'Not signed in to IAM Identity Center'),
  'sso-token-expired': row('error', 'credentials', 'The IAM Identity Center sign-in has expired'),
  'sso-failed': row('error', 'credentials', 'IAM Identity Center refused the role'),
  'login-token-missing': row('error', 'credentials', 'Not signed in with aws login'),
  'login-token-expired': row('error', 'credentials', 'The aws login session has expired'),
  'process-failed': row('error', 'credentials', 'credential_process failed'),
  'assume-role-failed': row('error', 'credentials', 'The role could not be assumed'),
  'mfa-required': row('warning', 'credentials', 'The role needs an MFA code'),
  'web-identity-failed': row('error', 'credentials', 'The web identity token could not be used'),
  'credentials-expiring': row('warning', 'credentials', 'The credentials expire soon'),
  'no-credentials': row('error', 'credentials', 'No credentials were found'),
  'env-overrides-profile': row('warning', 'credentials', 'Environment keys override the profile'),
  'sdk-picks-other-profile': row('warning', 'credentials', 'The AWS SDKs use another profile than the AWS CLI'),
  'check-skipped': row('info', 'credentials', 'The identity was not checked'),
  'internal-error': row('error', 'credentials', 'AWS Prereqs hit an unexpected error'),
  // ── account ─────────────────────────────────────────────────────────────
  'no-account': row('error', 'account', 'No AWS account could be confirmed'),
  // ── security ────────────────────────────────────────────────────────────
  'root-user': row('error', 'security', 'The root user is used'),
  'long-term-key': row('warning', 'security', 'A long-term access key is stored on disk'),
  'env-keys': row('warning', 'security', 'Access keys are set in environment variables'),
  'insecure-permissions': row('warning', 'security', 'The credentials file can be read by others'),
  // ── cli ─────────────────────────────────────────────────────────────────
  'cli-missing': row('error', 'cli', 'The AWS CLI is not installed'),
  'cli-v1': row('error', 'cli', 'The AWS CLI first on PATH is version 1'),
  'cli-old-for-login': row('info', 'cli', 'aws login needs AWS CLI 2.32.0 or newer'),
  'cli-broken': row('error', 'cli', 'The AWS CLI does not run'),
  'cli-shadowed': row('info', 'cli', 'More than one AWS CLI is installed'),
} as const satisfies Record<string, ProblemRow>;

/** A problem code from the table. */
export type ProblemCode = keyof typeof PROBLEMS;

/** Optional parts of a problem besides its code and message. */
export interface ProblemExtra {
  file?: string;
  line?: number;
  profile?: string;
  fix?: Fix;
  /** Override the table's severity (rare: e.g. a warning that is an error for the active profile). */
  severity?: Severity;
}

/** Builds a problem from its table row. */
export function problem(code: ProblemCode, message: string, extra: ProblemExtra = {}): Problem {
  const r: ProblemRow = PROBLEMS[code];
  const p: Problem = { code, severity: extra.severity ?? r.severity, message, blocksCli: r.blocksCli };
  if (extra.file !== undefined) p.file = extra.file;
  if (extra.line !== undefined) p.line = extra.line;
  if (extra.profile !== undefined) p.profile = extra.profile;
  if (extra.fix !== undefined) p.fix = extra.fix;
  return p;
}

/** The step a problem counts against. */
export function stepOf(code: string): StepId {
  return (PROBLEMS as Record<string, ProblemRow>)[code]?.step ?? 'credentials';
}

/** Is this a known problem code? */
export function isProblemCode(code: string): code is ProblemCode {
  return Object.prototype.hasOwnProperty.call(PROBLEMS, code);
}
