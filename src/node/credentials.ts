// Builds a profile's credentials the way the AWS CLI v2 would, from OUR reading of the files (a chain from
// core/chains.ts): static/session keys, credential_process, the SSO and console-login caches, web identity,
// environment keys, then each role of the chain through STS AssumeRole. Secrets stay inside this module and the
// SecretSet that redacts every message.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  envCredentials,
  isoExpiry,
  parseLoginToken,
  parseProcessOutput,
  parseSsoToken,
  shouldRefreshSsoToken,
  splitCommandLine,
  type Credentials,
} from '../core/credentialSources';
import type { ChainLink, FilesView, Problem, SettingValue } from '../core/model';
import { problem } from '../core/problems';
import type { SecretSet } from '../core/redact';
import { classifyAwsError, type ErrorContext } from '../core/stsErrors';
import type { SdkModule } from './loadSdk';
import { writePrivateFile } from './ssoSignIn';
import { cacheTime, tokenCacheText } from '../core/ssoTokenCache';
import type { WireOptions } from './sdkSts';

/** What resolving needs from the engine. */
export interface ResolveContext {
  view: FilesView;
  env: NodeJS.ProcessEnv;
  home: string;
  platform: NodeJS.Platform;
  now: () => number;
  timeoutMs: number;
  signal?: AbortSignal;
  mfaCode?: (profile: string, serial: string) => Promise<string | undefined>;
  secrets: SecretSet;
  log: (line: string) => void;
  /** The SDK chunk, loaded on first need. */
  sdk: () => SdkModule;
  /** Wire options for a service call on behalf of the selected profile. */
  wire: (service: 'sts' | 'sso' | 'sso-oidc', region?: string) => WireOptions;
}

/** Credentials ready for GetCallerIdentity, with what the fronts may show about them. */
export interface Resolved {
  credentials: Credentials;
  /** When the user must sign in / refresh again (ISO), when known. */
  expiresAt: string | null;
  /** Are they temporary (session token)? */
  temporary: boolean;
}

/** Either credentials, or the problem that stopped us (checked=false: we could not even try, e.g. IMDS). */
export type ResolveOutcome = { ok: true; resolved: Resolved } | { ok: false; problem: Problem; checked: boolean };

const str = (s: Record<string, SettingValue> | undefined, k: string): string | undefined => {
  const v = s?.[k];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/** Resolves a chain (base first, then roles) for profile `name`. */
export async function resolveChainCredentials(name: string, chain: ChainLink[], ctx: ResolveContext): Promise<ResolveOutcome> {
  const base = chain[0];
  if (!base) return { ok: false, problem: problem('internal-error', `Profile \`${name}\` has an empty credential chain.`, { profile: name }), checked: false };
  const first = await resolveBase(name, base, ctx);
  if (!first.ok) return first;
  let cur = first.resolved;
  for (const link of chain.slice(1)) {
    if (link.type !== 'AssumeRole') continue;
    const next = await assumeRole(name, link, cur, ctx);
    if (!next.ok) return next;
    // A role over refreshable sources (SSO, login) lives as long as the sign-in; over long-term keys the CLI
    // renews the role session itself, so only the sign-in expiry is a deadline for the user.
    cur = { credentials: next.resolved.credentials, expiresAt: cur.expiresAt, temporary: true };
  }
  return { ok: true, resolved: cur };
}

async function resolveBase(name: string, link: ChainLink, ctx: ResolveContext): Promise<ResolveOutcome> {
  const settings = ctx.view.profiles[link.profile]?.settings;
  switch (link.type) {
    case 'AccessKey': {
      const id = str(settings, 'aws_access_key_id');
      const secret = str(settings, 'aws_secret_access_key');
      if (!id || !secret) return fail(problem('secret-missing', `Profile \`${link.profile}\` lacks an access key ID or secret.`, { profile: name }));
      const token = str(settings, 'aws_session_token') ?? str(settings, 'aws_security_token');
      ctx.secrets.add(secret, token);
      const c: Credentials = { accessKeyId: id, secretAccessKey: secret };
      if (token) c.sessionToken = token;
      const exp = isoExpiry(str(settings, 'aws_expiration'));
      if (exp && Date.parse(exp) <= ctx.now()) {
        return fail(
          problem(
            'expired-token',
            `The temporary credentials of profile \`${link.profile}\` expired at ${exp} (aws_expiration). Get new ones and paste them, or switch to IAM Identity Center or aws login so they renew themselves.`,
            { profile: name },
          ),
          true,
        );
      }
      return ok(c, token ? exp : null, !!token);
    }
    case 'NamedSource': {
      if (link.source === 'Environment') {
        const c = envCredentials(ctx.env);
        if (!c) {
          return fail(problem('no-credentials', `Profile \`${link.profile}\` takes its source keys from the environment (credential_source = Environment), but AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are not set.`, { profile: name }));
        }
        ctx.secrets.add(c.secretAccessKey, c.sessionToken);
        return ok(c, isoExpiry(c.expiration), !!c.sessionToken);
      }
      return fail(
        problem('check-skipped', `Profile \`${link.profile}\` gets its source keys from ${link.source}, which only exists on an AWS compute instance or container; it was not checked here.`, { profile: name }),
        false,
      );
    }
    case 'CredentialProcess':
      return runProcess(name, link.profile, link.command, ctx);
    case 'Sso':
      return ssoCredentials(name, link, ctx);
    case 'ConsoleLogin':
      return loginCredentials(name, link.profile, link.loginSession, ctx);
    case 'WebIdentityToken': {
      let token: string;
      try {
        token = (await readFile(link.tokenFile, 'utf8')).trim();
      } catch (e) {
        return fail(problem('web-identity-failed', `Profile \`${link.profile}\` reads its web identity token from ${link.tokenFile}, which cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`, { profile: name }));
      }
      ctx.secrets.add(token);
      const w = ctx.wire('sts');
      const r = await ctx.sdk().stsAssumeRoleWithWebIdentity({ roleArn: link.roleArn, sessionName: link.sessionName ?? sessionName(ctx), token }, w);
      if (!r.ok) return fail(classifyAwsError(r.facts, errCtx(name, 'AssumeRoleWithWebIdentity', w, ctx, { roleArn: link.roleArn })), true);
      ctx.secrets.add(r.value.secretAccessKey, r.value.sessionToken);
      return ok(r.value, null, true);
    }
    default:
      return fail(problem('internal-error', `Profile \`${name}\` starts its chain with ${link.type}, which cannot be a base.`, { profile: name }));
  }
}

async function assumeRole(name: string, link: Extract<ChainLink, { type: 'AssumeRole' }>, source: Resolved, ctx: ResolveContext): Promise<ResolveOutcome> {
  const settings = ctx.view.profiles[link.profile]?.settings;
  const serial = str(settings, 'mfa_serial');
  let tokenCode: string | undefined;
  if (serial) {
    tokenCode = ctx.mfaCode ? await ctx.mfaCode(link.profile, serial) : undefined;
    if (!tokenCode) {
      return fail(
        problem(
          'mfa-required',
          `Role profile \`${link.profile}\` needs an MFA code from ${serial}; none was given, so it was not checked. Check it in VS Code or a terminal, where you are asked for the code.`,
          { profile: name },
        ),
        false,
      );
    }
  }
  const duration = Number(str(settings, 'duration_seconds'));
  const w = ctx.wire('sts');
  const params = {
    roleArn: link.roleArn,
    sessionName: link.sessionName ?? sessionName(ctx),
    ...(link.externalId ? { externalId: link.externalId } : {}),
    ...(serial ? { serialNumber: serial, tokenCode: tokenCode! } : {}),
    ...(Number.isInteger(duration) && duration > 0 ? { durationSeconds: duration } : {}),
  };
  ctx.log(`AssumeRole ${link.roleArn} for profile ${link.profile} via ${w.endpoint}`);
  const r = await ctx.sdk().stsAssumeRole(source.credentials, params, w);
  if (!r.ok) {
    const p = classifyAwsError(r.facts, errCtx(name, 'AssumeRole', w, ctx, { roleArn: link.roleArn, temporary: source.temporary }));
    return fail(p, true);
  }
  ctx.secrets.add(r.value.secretAccessKey, r.value.sessionToken);
  return ok(r.value, isoExpiry(r.value.expiration), true);
}

async function runProcess(name: string, profile: string, command: string, ctx: ResolveContext): Promise<ResolveOutcome> {
  let argv: string[];
  try {
    argv = splitCommandLine(command, ctx.platform);
  } catch (e) {
    return fail(problem('process-failed', `The credential_process of profile \`${profile}\` cannot be split into a command (${(e as Error).message}). Check its quotes.`, { profile: name }));
  }
  if (!argv.length) return fail(problem('process-failed', `The credential_process of profile \`${profile}\` is empty.`, { profile: name }));
  const [file, ...args] = argv as [string, ...string[]];
  const limit = Math.max(ctx.timeoutMs, 1000);
  ctx.log(`credential_process for profile ${profile}: ${file}`);
  const res = await new Promise<{ code: number | string | null; stdout: string; stderr: string; killed: boolean; spawnError?: string }>((resolve) => {
    const child = execFile(file, args, { timeout: limit, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024, windowsHide: true, env: ctx.env }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { killed?: boolean; code?: number | string }) | null;
      resolve({
        code: e ? (e.code ?? null) : 0,
        stdout: String(stdout ?? ''),
        stderr: String(stderr ?? ''),
        killed: !!e?.killed,
        ...(e && typeof e.code === 'string' && e.code.startsWith('E') ? { spawnError: e.code } : {}),
      });
    });
    const onAbort = () => child.kill('SIGKILL');
    ctx.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('exit', () => ctx.signal?.removeEventListener('abort', onAbort));
  });
  // Whatever the process printed may contain its own secrets: remember them before any message is built.
  const parsed = parseProcessOutput(res.stdout);
  if ('credentials' in parsed) ctx.secrets.add(parsed.credentials.secretAccessKey, parsed.credentials.sessionToken);
  const err = ctx.secrets.redact(res.stderr.trim().split('\n').slice(-3).join(' ').slice(0, 300));
  if (res.spawnError) {
    return fail(problem('process-failed', `The credential_process of profile \`${profile}\` could not start \`${file}\` (${res.spawnError === 'ENOENT' ? 'command not found' : res.spawnError}). Check the path in credential_process.`, { profile: name }), true);
  }
  if (res.killed) {
    return fail(problem('process-failed', `The credential_process of profile \`${profile}\` did not finish within ${Math.round(limit / 1000)} s${err ? ` (it said: ${err})` : ''}. It may be waiting for input you cannot give here.`, { profile: name }), true);
  }
  if (res.code !== 0) {
    return fail(problem('process-failed', `The credential_process of profile \`${profile}\` exited with code ${res.code}${err ? `: ${err}` : ' and said nothing on stderr'}.`, { profile: name }), true);
  }
  if ('error' in parsed) {
    return fail(problem('process-failed', `The credential_process of profile \`${profile}\` ran, but ${parsed.error}. It must print JSON with Version 1, AccessKeyId and SecretAccessKey.`, { profile: name }), true);
  }
  const c = parsed.credentials;
  const exp = isoExpiry(c.expiration);
  if (exp && Date.parse(exp) <= ctx.now()) {
    return fail(problem('expired-token', `The credential_process of profile \`${profile}\` returned credentials that expired at ${exp}.`, { profile: name }), true);
  }
  return ok(c, exp, !!c.sessionToken);
}

async function ssoCredentials(name: string, link: Extract<ChainLink, { type: 'Sso' }>, ctx: ResolveContext): Promise<ResolveOutcome> {
  const key = link.session ?? link.startUrl;
  const login = link.session ? `aws sso login --sso-session ${link.session}` : `aws sso login --profile ${link.profile}`;
  if (!key) return fail(problem('sso-session-incomplete', `Profile \`${link.profile}\` has no sso_session or sso_start_url.`, { profile: name }));
  if (!link.accountId || !link.roleName) {
    return fail(problem('profile-incomplete', `SSO profile \`${link.profile}\` has no sso_account_id / sso_role_name, so it cannot get role credentials. Run aws configure sso --profile ${link.profile}.`, { profile: name }));
  }
  const file = join(ctx.home, '.aws', 'sso', 'cache', createHash('sha1').update(key, 'utf8').digest('hex') + '.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return fail(problem('sso-token-missing', `Profile \`${link.profile}\` uses IAM Identity Center, but you are not signed in (no token in ${file}). Run: ${login}.`, { profile: name }), true);
  }
  const t = parseSsoToken(text);
  if ('error' in t) return fail(problem('sso-token-missing', `The IAM Identity Center token cache ${file} is unusable (${t.error}). Run: ${login}.`, { profile: name }), true);
  ctx.secrets.add(t.accessToken, t.refreshToken, t.clientSecret);
  const settings = ctx.view.profiles[link.profile]?.settings;
  const sessionSettings = link.session ? ctx.view.ssoSessions[link.session]?.settings : undefined;
  const region = str(sessionSettings, 'sso_region') ?? str(settings, 'sso_region') ?? t.region ?? 'us-east-1';
  let refreshFailed = '';
  if (shouldRefreshSsoToken(t, !!link.session, ctx.now())) {
    // As the CLI v2 does before every use: renew an expiring sso-session token and write the cache back.
    const w = ctx.wire('sso-oidc', region);
    ctx.log(`refreshing the IAM Identity Center token of sso-session ${link.session} via ${w.endpoint}`);
    const r = await ctx.sdk().ssoOidcRefreshToken({ clientId: t.clientId!, clientSecret: t.clientSecret!, refreshToken: t.refreshToken! }, w);
    if (r.ok) {
      ctx.secrets.add(r.value.accessToken, r.value.refreshToken);
      const renewed = {
        startUrl: link.startUrl ?? t.startUrl ?? '',
        region,
        accessToken: r.value.accessToken,
        expiresAt: cacheTime(ctx.now() + r.value.expiresIn * 1000),
        clientId: t.clientId!,
        clientSecret: t.clientSecret!,
        registrationExpiresAt: t.registrationExpiresAt!,
        ...(r.value.refreshToken ?? t.refreshToken ? { refreshToken: r.value.refreshToken ?? t.refreshToken! } : {}),
      };
      try {
        await writePrivateFile(file, tokenCacheText(renewed));
      } catch (e) {
        ctx.log(`could not write the refreshed token to ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
      }
      t.accessToken = renewed.accessToken;
      t.expiresAt = renewed.expiresAt;
    } else {
      refreshFailed = ` Renewing it failed (${r.facts.code ?? r.facts.errno ?? 'error'}).`;
      ctx.log(`token refresh failed: ${r.facts.code ?? r.facts.errno ?? ''} ${r.facts.message ?? ''}`);
    }
  }
  const exp = isoExpiry(t.expiresAt);
  if (!exp || Date.parse(exp) <= ctx.now()) {
    return fail(problem('sso-token-expired', `The IAM Identity Center sign-in used by profile \`${link.profile}\` expired at ${exp ?? t.expiresAt}.${refreshFailed} Run: ${login}.`, { profile: name }), true);
  }
  const w = ctx.wire('sso', region);
  ctx.log(`GetRoleCredentials ${link.accountId}/${link.roleName} for profile ${link.profile} via ${w.endpoint}`);
  const r = await ctx.sdk().ssoGetRoleCredentials({ accessToken: t.accessToken, accountId: link.accountId, roleName: link.roleName }, w);
  if (!r.ok) return fail(classifyAwsError(r.facts, errCtx(name, 'GetRoleCredentials', w, ctx, {})), true);
  ctx.secrets.add(r.value.secretAccessKey, r.value.sessionToken);
  return ok(r.value, exp, true);
}

async function loginCredentials(name: string, profile: string, loginSession: string, ctx: ResolveContext): Promise<ResolveOutcome> {
  const dir = ctx.env.AWS_LOGIN_CACHE_DIRECTORY || join(ctx.home, '.aws', 'login', 'cache');
  const file = join(dir, createHash('sha256').update(loginSession, 'utf8').digest('hex') + '.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return fail(problem('login-token-missing', `Profile \`${profile}\` signs in with aws login, but there is no session in ${file}. Run: aws login --profile ${profile}.`, { profile: name }), true);
  }
  const t = parseLoginToken(text);
  if ('error' in t) return fail(problem('login-token-missing', `The aws login cache ${file} is unusable (${t.error}). Run: aws login --profile ${profile}.`, { profile: name }), true);
  ctx.secrets.add(t.credentials.secretAccessKey, t.credentials.sessionToken);
  const exp = isoExpiry(t.credentials.expiration);
  if (!exp || Date.parse(exp) <= ctx.now()) {
    return fail(problem('login-token-expired', `The aws login session of profile \`${profile}\` expired at ${exp ?? t.credentials.expiration}. Run: aws login --profile ${profile}.`, { profile: name }), true);
  }
  return ok(t.credentials, exp, true);
}

/** The error context of a call made for profile `name`. */
export function errCtx(
  name: string,
  operation: ErrorContext['operation'],
  w: WireOptions,
  ctx: ResolveContext,
  extra: { roleArn?: string; temporary?: boolean; signingProfile?: string },
): ErrorContext {
  return { profile: name, operation, endpoint: w.endpoint, timeoutMs: w.timeoutMs, now: ctx.now(), ...extra };
}

function sessionName(ctx: ResolveContext): string {
  // botocore names role sessions botocore-session-<epoch seconds>; ours says who made it.
  return `aws-prereqs-${Math.floor(ctx.now() / 1000)}`;
}

function ok(credentials: Credentials, expiresAt: string | null, temporary: boolean): ResolveOutcome {
  return { ok: true, resolved: { credentials, expiresAt, temporary } };
}

function fail(p: Problem, checked = true): ResolveOutcome {
  return { ok: false, problem: p, checked };
}
