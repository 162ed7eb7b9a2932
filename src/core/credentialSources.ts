// Where credentials come from, pure: environment variables (and whether they override a profile), the
// credential_process command line and its JSON answer, the SSO and console-login cache identifiers, expiry.
import type { Problem, SettingValue, Section } from './model';
import { problem } from './problems';

/** Plain credentials (secrets: never put them in a Problem, a log line or JSON). */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** ISO-8601, when known. */
  expiration?: string;
}

/** Credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION); null when not both set. */
export function envCredentials(env: Record<string, string | undefined>): Credentials | null {
  const id = env.AWS_ACCESS_KEY_ID;
  const secret = env.AWS_SECRET_ACCESS_KEY;
  if (!id || !secret) return null;
  const c: Credentials = { accessKeyId: id, secretAccessKey: secret };
  const token = env.AWS_SESSION_TOKEN || env.AWS_SECURITY_TOKEN;
  if (token) c.sessionToken = token;
  if (env.AWS_CREDENTIAL_EXPIRATION) c.expiration = env.AWS_CREDENTIAL_EXPIRATION;
  return c;
}

/** Which source the AWS CLI v2 and the AWS SDK for JavaScript use when nothing is passed on the command line. */
export interface SourceDecision {
  /** What the CLI uses: 'environment' or the profile name. */
  cli: string;
  /** What the JS SDK's default chain uses. */
  sdk: string;
  problems: Problem[];
}

/**
 * Decides which source wins. The CLI v2 puts environment keys before any profile unless `--profile` is given
 * (AWS_PROFILE does not count); the JS SDK skips environment keys when AWS_PROFILE is set.
 */
export function decideSource(env: Record<string, string | undefined>, activeProfile: string): SourceDecision {
  const problems: Problem[] = [];
  const keys = envCredentials(env) !== null;
  if (!keys) {
    // Only the CLI reads AWS_DEFAULT_PROFILE; the SDKs (and tools built on them) use `default` instead.
    if (!env.AWS_PROFILE && env.AWS_DEFAULT_PROFILE && env.AWS_DEFAULT_PROFILE !== 'default') {
      problems.push(
        problem(
          'sdk-picks-other-profile',
          `AWS_DEFAULT_PROFILE=${env.AWS_DEFAULT_PROFILE} is read by the AWS CLI only; programs using the AWS SDKs (and their tools) use profile \`default\`. Set AWS_PROFILE=${env.AWS_DEFAULT_PROFILE} instead so every tool agrees.`,
          { profile: activeProfile },
        ),
      );
      return { cli: activeProfile, sdk: 'default', problems };
    }
    return { cli: activeProfile, sdk: activeProfile, problems };
  }
  const profileVar = env.AWS_PROFILE ? 'AWS_PROFILE' : env.AWS_DEFAULT_PROFILE ? 'AWS_DEFAULT_PROFILE' : null;
  if (profileVar) {
    problems.push(
      problem(
        'env-overrides-profile',
        `Both ${profileVar}=${env[profileVar]} and AWS_ACCESS_KEY_ID are set. The AWS CLI uses the environment keys and ignores profile \`${activeProfile}\`, while the AWS SDK for JavaScript uses the profile. Unset one of them (e.g. unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN).`,
        { profile: activeProfile },
      ),
    );
    return { cli: 'environment', sdk: env.AWS_PROFILE ? activeProfile : 'environment', problems };
  }
  return { cli: 'environment', sdk: 'environment', problems };
}

/**
 * Splits a credential_process command line like botocore: POSIX shlex (quotes, backslash escapes, no shell);
 * on Windows botocore splits with Windows rules (double quotes only, backslashes kept literally).
 */
export function splitCommandLine(cmd: string, platform: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  const win = platform === 'win32';
  while (i < cmd.length) {
    const c = cmd[i]!;
    if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
      i++;
      continue;
    }
    inWord = true;
    if (c === "'" && !win) {
      const end = cmd.indexOf("'", i + 1);
      if (end === -1) throw new Error('No closing quotation');
      cur += cmd.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= cmd.length) throw new Error('No closing quotation');
        const d = cmd[i]!;
        if (d === '"') {
          i++;
          break;
        }
        if (d === '\\' && !win && i + 1 < cmd.length && '\\"$`\n'.includes(cmd[i + 1]!)) {
          cur += cmd[i + 1];
          i += 2;
          continue;
        }
        if (d === '\\' && win && cmd[i + 1] === '"') {
          cur += '"';
          i += 2;
          continue;
        }
        cur += d;
        i++;
      }
    } else if (c === '\\' && !win) {
      if (i + 1 >= cmd.length) throw new Error('No escaped character');
      cur += cmd[i + 1];
      i += 2;
    } else {
      cur += c;
      i++;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

/** Validates credential_process output (JSON, Version 1, AccessKeyId, SecretAccessKey); the error never quotes the output. */
export function parseProcessOutput(stdout: string): { credentials: Credentials } | { error: string } {
  let j: unknown;
  try {
    j = JSON.parse(stdout);
  } catch {
    return { error: stdout.trim() === '' ? 'it printed nothing on standard output' : 'its output is not JSON' };
  }
  if (!j || typeof j !== 'object' || Array.isArray(j)) return { error: 'its output is not a JSON object' };
  const o = j as Record<string, unknown>;
  if (o.Version !== 1) return { error: `its output has Version ${JSON.stringify(o.Version ?? null)}; only Version 1 is supported` };
  const missing = ['AccessKeyId', 'SecretAccessKey'].filter((k) => typeof o[k] !== 'string' || o[k] === '');
  if (missing.length) return { error: `its output lacks ${missing.join(' and ')}` };
  const c: Credentials = { accessKeyId: o.AccessKeyId as string, secretAccessKey: o.SecretAccessKey as string };
  if (typeof o.SessionToken === 'string' && o.SessionToken) c.sessionToken = o.SessionToken;
  if (typeof o.Expiration === 'string' && o.Expiration) {
    if (Number.isNaN(Date.parse(o.Expiration))) return { error: 'its Expiration is not an ISO-8601 date' };
    c.expiration = o.Expiration;
  }
  return { credentials: c };
}

const str = (v: SettingValue | undefined): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** What an SSO profile needs: the token cache identifier (sso-session name, or legacy start URL) and the portal inputs. */
export interface SsoPlan {
  /** Hashed with SHA-1 to name ~/.aws/sso/cache/<hex>.json. */
  cacheKey: string;
  legacy: boolean;
  session?: string;
  startUrl?: string;
  ssoRegion?: string;
  accountId?: string;
  roleName?: string;
}

/** Works out the SSO cache identifier and the inputs of GetRoleCredentials for a profile. */
export function ssoPlan(settings: Record<string, SettingValue>, ssoSessions: Record<string, Section>): SsoPlan | { problem: string } {
  const sessionName = str(settings.sso_session);
  const accountId = str(settings.sso_account_id);
  const roleName = str(settings.sso_role_name);
  if (sessionName !== undefined) {
    const s = ssoSessions[sessionName];
    if (!s) return { problem: `sso_session = ${sessionName} names a [sso-session ${sessionName}] section that does not exist` };
    const plan: SsoPlan = { cacheKey: sessionName, legacy: false, session: sessionName };
    const u = str(s.settings.sso_start_url);
    const r = str(s.settings.sso_region);
    if (u) plan.startUrl = u;
    if (r) plan.ssoRegion = r;
    if (accountId) plan.accountId = accountId;
    if (roleName) plan.roleName = roleName;
    return plan;
  }
  const startUrl = str(settings.sso_start_url);
  if (!startUrl) return { problem: 'the profile has neither sso_session nor sso_start_url' };
  const plan: SsoPlan = { cacheKey: startUrl, legacy: true, startUrl };
  const r = str(settings.sso_region);
  if (r) plan.ssoRegion = r;
  if (accountId) plan.accountId = accountId;
  if (roleName) plan.roleName = roleName;
  return plan;
}

/** An SSO token cache file as the CLI writes it (the refresh fields only for sso-session sign-ins). */
export interface SsoTokenFile {
  accessToken: string;
  expiresAt: string;
  region?: string;
  startUrl?: string;
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
}

/** Reads an SSO token cache file's JSON; the tokens stay in the result for the portal call, never in messages. */
export function parseSsoToken(text: string): SsoTokenFile | { error: string } {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { error: 'the token cache file is not JSON' };
  }
  if (!j || typeof j !== 'object' || typeof j.accessToken !== 'string' || typeof j.expiresAt !== 'string') {
    return { error: 'the token cache file lacks accessToken or expiresAt' };
  }
  const out: SsoTokenFile = { accessToken: j.accessToken, expiresAt: j.expiresAt };
  for (const k of ['region', 'startUrl', 'refreshToken', 'clientId', 'clientSecret', 'registrationExpiresAt'] as const) {
    if (typeof j[k] === 'string') out[k] = j[k] as string;
  }
  return out;
}

/**
 * Whether the CLI v2 would refresh this token before use (botocore SSOTokenProvider): sso-session sign-ins only,
 * within 15 minutes of expiry (or past it), with a refresh token and a client registration that is still valid.
 */
export function shouldRefreshSsoToken(t: SsoTokenFile, sessionBased: boolean, now: number): boolean {
  if (!sessionBased || !t.refreshToken || !t.clientId || !t.clientSecret) return false;
  const exp = Date.parse(t.expiresAt);
  const reg = t.registrationExpiresAt ? Date.parse(t.registrationExpiresAt) : NaN;
  if (Number.isNaN(exp) || Number.isNaN(reg) || reg <= now) return false;
  return exp - now < 15 * 60_000;
}

/** Reads a console-login (aws login) cache file: its accessToken object holds the credentials. */
export function parseLoginToken(text: string): { credentials: Credentials & { expiration: string }; accountId?: string } | { error: string } {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { error: 'the login cache file is not JSON' };
  }
  const t = j.accessToken as Record<string, unknown> | undefined;
  if (!t || typeof t !== 'object' || typeof t.accessKeyId !== 'string' || typeof t.secretAccessKey !== 'string' || typeof t.expiresAt !== 'string') {
    return { error: 'the login cache file lacks accessToken credentials' };
  }
  const c: Credentials & { expiration: string } = { accessKeyId: t.accessKeyId, secretAccessKey: t.secretAccessKey, expiration: t.expiresAt };
  if (typeof t.sessionToken === 'string') c.sessionToken = t.sessionToken;
  const out: { credentials: Credentials & { expiration: string }; accountId?: string } = { credentials: c };
  if (typeof t.accountId === 'string') out.accountId = t.accountId;
  return out;
}

/** Normalises an expiry (ISO string or epoch ms/s) to ISO-8601; null when unknown. */
export function isoExpiry(v: string | number | Date | undefined | null): string | null {
  if (v === undefined || v === null || v === '') return null;
  const t = v instanceof Date ? v.getTime() : typeof v === 'number' ? (v < 1e12 ? v * 1000 : v) : Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** The earliest of several expiries (a chain expires with its first link). */
export function earliest(...isos: (string | null | undefined)[]): string | null {
  const ts = isos.filter((x): x is string => !!x).map((x) => Date.parse(x)).filter((t) => !Number.isNaN(t));
  return ts.length ? new Date(Math.min(...ts)).toISOString() : null;
}
