// The JSON contract of `aws-prereqs profiles --json` (other tools and tests depend on it), with secrets masked
// like `aws configure list`: sixteen asterisks and the last four characters.
import { fileRedactor, fileSecrets } from '../core/fileSecrets';
import { profileKind } from '../core/profileKinds';
import type { AwsFiles, ProfileKind, Reading, SettingValue, Severity, SourceRef } from '../core/model';

/** One profile in the JSON output. */
export interface ProfileJson {
  name: string;
  kind: ProfileKind;
  settings: Record<string, SettingValue>;
  sources: SourceRef[];
}

/** One problem in the JSON output (fixes stay in the engine: their edits are whole lines of the user's file). */
export interface ProblemJson {
  code: string;
  severity: Severity;
  message: string;
  file: string | null;
  line: number | null;
  profile?: string;
  blocksCli: boolean;
}

/** The whole JSON document. */
export interface ProfilesJson {
  configFile: string;
  credentialsFile: string;
  reading: Reading;
  activeProfile: string;
  profiles: ProfileJson[];
  ssoSessions: Record<string, { settings: Record<string, SettingValue>; sources: SourceRef[] }>;
  services: Record<string, { settings: Record<string, SettingValue>; sources: SourceRef[] }>;
  problems: ProblemJson[];
}

const SECRET = /^(aws_secret_access_key|aws_session_token|aws_security_token)$/i;

/** Masks a secret like `aws configure list` (16 asterisks + last 4); short values are masked whole. */
export function maskSecret(value: string): string {
  return '****************' + (value.length >= 12 ? value.slice(-4) : '');
}

/** A settings map with every secret masked: by key, and inside other values (nested maps included). */
export function maskSettings(settings: Record<string, SettingValue>, redact: (text: string) => string = fileRedactor([])): Record<string, SettingValue> {
  const one = (k: string, v: string) => (SECRET.test(k) ? maskSecret(v) : redact(v));
  const out: Record<string, SettingValue> = {};
  for (const [k, v] of Object.entries(settings)) {
    if (typeof v === 'string') out[k] = one(k, v);
    else out[k] = Object.fromEntries(Object.entries(v).map(([nk, nv]) => [nk, one(nk, nv)]));
  }
  return out;
}

/** Builds the `profiles --json` document for one reading. */
export function buildProfilesJson(files: AwsFiles, reading: Reading): ProfilesJson {
  const view = reading === 'cli' ? files.analysis.cli : files.analysis.sdk;
  const secrets = fileRedactor(fileSecrets([files.config, files.credentials]));
  const order = (s: SourceRef) => (s.file === view.configFile ? 0 : 1) * 1e9 + s.line;
  const profiles = Object.values(view.profiles)
    .slice()
    .sort((a, b) => order(a.sources[0]!) - order(b.sources[0]!))
    .map((p) => ({ name: p.name, kind: profileKind(p, view), settings: maskSettings(p.settings, secrets), sources: p.sources }));
  const sections = (m: typeof view.ssoSessions) =>
    Object.fromEntries(Object.values(m).map((s) => [s.name, { settings: maskSettings(s.settings, secrets), sources: s.sources }]));
  return {
    configFile: files.configFile,
    credentialsFile: files.credentialsFile,
    reading,
    activeProfile: files.activeProfile.name,
    profiles,
    ssoSessions: sections(view.ssoSessions),
    services: sections(view.services),
    problems: files.analysis.problems.map((p) => ({
      code: p.code,
      severity: p.severity,
      message: p.message,
      file: p.file ?? null,
      line: p.line ?? null,
      ...(p.profile !== undefined ? { profile: p.profile } : {}),
      blocksCli: p.blocksCli,
    })),
  };
}
