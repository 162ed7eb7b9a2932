// The engine's data model: what every front (tree, diagnostics, CLI, guide) reads.
// Pure types only — no vscode, no fs, no network.

/** Which reader produced a view of the files: the AWS CLI v2 (botocore) or the cross-SDK rules. */
export type Reading = 'cli' | 'sdk';

/** A place in a user's file: absolute path and 1-based line. */
export interface SourceRef {
  file: string;
  line: number;
}

/** Severity of a problem as shown to the user. */
export type Severity = 'error' | 'warning' | 'info';

/** A pure text edit on one file (0-based line range, whole lines replaced). */
export interface LineEdit {
  file: string;
  /** First line replaced, 0-based. */
  startLine: number;
  /** Number of lines replaced (0 = insert before startLine). */
  deleteCount: number;
  /** New lines, without line endings (the writer uses the file's own EOL). */
  insert: string[];
}

/** What a problem's one-click fix does: run a command, or apply text edits. */
export interface Fix {
  /** Button / code-action title, e.g. "Remove the inline comment". */
  title: string;
  /** A command id of ours (`awsPrereqs.*`) and its arguments; JSON-safe. */
  command?: { id: string; args?: unknown[] };
  /** Text edits that make the problem go away. */
  edits?: LineEdit[];
}

/** One problem, from the single problem table (see problems.ts). */
export interface Problem {
  code: string;
  severity: Severity;
  /** One plain sentence (or two): what is wrong, why, what to do. Never a secret. */
  message: string;
  file?: string;
  /** 1-based line. */
  line?: number;
  profile?: string;
  /** True when the AWS CLI v2 refuses to read the file because of this. */
  blocksCli: boolean;
  fix?: Fix;
}

/** Where a text came from: a file we tried to read. `text` is null when it does not exist or could not be read. */
export interface FileInput {
  path: string;
  text: string | null;
  /** Why it could not be read (ENOENT is not an error: text null, error undefined). */
  error?: string;
  /** The problem code for `error`: unreadable, not UTF-8 (text then holds what could be decoded), or too large. */
  errorCode?: 'file-unreadable' | 'file-not-text' | 'file-too-large';
  /** 1-based line of the first undecodable byte, for `file-not-text`. */
  errorLine?: number;
}

/** A property value in a reading: a string, or (CLI reading) nested sub-properties. */
export type SettingValue = string | { [key: string]: string };

/** A profile as one reading sees it (after merging both files). */
export interface Profile {
  name: string;
  settings: Record<string, SettingValue>;
  /** Section headers that contributed, in file order (config first, then credentials). */
  sources: SourceRef[];
  /** Where each setting's winning value was written. */
  keySources: Record<string, SourceRef>;
}

/** An `[sso-session NAME]` or `[services NAME]` section. */
export interface Section {
  name: string;
  settings: Record<string, SettingValue>;
  sources: SourceRef[];
  keySources: Record<string, SourceRef>;
}

/** The result of reading both files one way. */
export interface FilesView {
  reading: Reading;
  configFile: string;
  credentialsFile: string;
  profiles: Record<string, Profile>;
  ssoSessions: Record<string, Section>;
  services: Record<string, Section>;
  problems: Problem[];
}

/** Kinds of profile, by how it gets credentials. */
export type ProfileKind =
  | 'static-keys'
  | 'session-keys'
  | 'assume-role'
  | 'web-identity'
  | 'credential-process'
  | 'sso'
  | 'legacy-sso'
  | 'console-login'
  | 'incomplete';

/** One link of a credential chain, from the base credentials to the last role. */
export type ChainLink =
  | { type: 'AccessKey'; profile: string; accessKeyId: string; sessionToken: boolean; accountId?: string }
  | { type: 'AssumeRole'; profile: string; roleArn: string; sessionName?: string; externalId?: string }
  | { type: 'WebIdentityToken'; profile: string; roleArn: string; tokenFile: string; sessionName?: string }
  | { type: 'Sso'; profile: string; session?: string; startUrl?: string; accountId?: string; roleName?: string }
  | { type: 'NamedSource'; profile: string; source: string }
  | { type: 'CredentialProcess'; profile: string; command: string }
  | { type: 'ConsoleLogin'; profile: string; loginSession: string };

/** Where credentials come from first: environment variables, or a profile. */
export interface ActiveProfileInfo {
  name: string;
  /** 'AWS_PROFILE' | 'AWS_DEFAULT_PROFILE' | 'default' | 'setting' */
  from: string;
}

/** Identity returned by STS GetCallerIdentity. */
export interface Identity {
  account: string;
  arn: string;
  userId: string;
}

/** Status of one profile after checking. */
export type ProfileStatus = 'ok' | 'warn' | 'error' | 'unchecked';

/** The result of checking one profile (contract of `check --json`). */
export interface ProfileCheck {
  name: string;
  kind: ProfileKind;
  status: ProfileStatus;
  identity: Identity | null;
  /** ISO-8601 expiry of the credentials, when known. */
  expiresAt: string | null;
  problems: Problem[];
  sources: SourceRef[];
}

/** The four prerequisite steps. */
export type StepId = 'account' | 'credentials' | 'security' | 'cli';
export type StepStatus = 'pass' | 'warn' | 'fail' | 'unknown';

/** One prerequisite step with its verdict (contract of `check --json`). */
export interface Step {
  id: StepId;
  status: StepStatus;
  summary: string;
  problems: Problem[];
}

/** An `aws` executable found on PATH. */
export interface CliInstall {
  path: string;
  /** e.g. "2.9.19"; null when `aws --version` failed. */
  version: string | null;
  major: number | null;
  raw: string;
}

/** Everything a front needs (contract of `check --json`, plus extras the UI uses). */
export interface CheckReport {
  steps: Step[];
  activeProfile: string | null;
  cli: { path: string; version: string | null } | null;
  cliInstalls: CliInstall[];
  profiles: ProfileCheck[];
  problems: Problem[];
  configFile: string;
  credentialsFile: string;
  checkedAt: string;
  /** The keys in AWS_ACCESS_KEY_ID etc., checked like a profile named `environment` (absent when not set). */
  environment?: ProfileCheck | null;
  /** What the AWS CLI uses without --profile: 'environment' or a profile name; and what the JS SDK would use. */
  source?: { cli: string; sdk: string };
}

/** Both readings of the files plus every file problem: the one entry the fronts use. */
export interface FilesAnalysis {
  /** The AWS CLI v2 (botocore) reading. */
  cli: FilesView;
  /** The cross-SDK reading. */
  sdk: FilesView;
  /** Every file problem, de-duplicated, each naming file and line. */
  problems: Problem[];
}

/** The user's two files as found on this machine, read and analysed. */
export interface AwsFiles {
  configFile: string;
  credentialsFile: string;
  config: FileInput;
  credentials: FileInput;
  analysis: FilesAnalysis;
  activeProfile: ActiveProfileInfo;
}
