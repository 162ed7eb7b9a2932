// THE engine API the fronts call: read the files, build each profile's credentials like the AWS CLI v2,
// confirm them with STS GetCallerIdentity, find security risks, probe the AWS CLI, and judge the four steps.
// Secrets never leave: every message and log line is redacted with every secret the run has seen.
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { homedir } from 'node:os';
import { resolveChain } from '../core/chains';
import { judgeCliInstalls } from '../core/cliVersion';
import { decideSource, envCredentials, isoExpiry, parseLoginToken, parseSsoToken, type Credentials } from '../core/credentialSources';
import { boolSetting, chooseRegion, configuredEndpoint, defaultStsEndpoint, dnsSuffix, proxyFor } from '../core/endpoints';
import { withIdentityFix } from '../core/identityFixes';
import { isSecretKey } from '../core/iniCli';
import { homeFolder } from '../core/locate';
import type { AwsFiles, ChainLink, CheckReport, CliInstall, Identity, Problem, ProfileCheck, ProfileKind, SettingValue } from '../core/model';
import { problem } from '../core/problems';
import { profileKind } from '../core/profileKinds';
import { SecretSet } from '../core/redact';
import { judgeSteps, profileStatus } from '../core/steps';
import { classifyAwsError, clockOffsetMs, durationWords } from '../core/stsErrors';
import { probeAwsCli } from './awsCliProbe';
import { errCtx, resolveChainCredentials, type ResolveContext, type Resolved } from './credentials';
import { loadSdk, type SdkModule } from './loadSdk';
import { readAwsFiles } from './readAwsFiles';
import type { WireOptions } from './sdkSts';

/** Options of a check run (all optional). */
export interface CheckOptions {
  env?: NodeJS.ProcessEnv;
  /** Files already read (the extension keeps them); read from disk otherwise. */
  files?: AwsFiles;
  /** Check only this profile, as `aws --profile NAME` would (environment keys then do not apply). */
  profile?: string;
  /** Files and CLI only: no network, profiles `unchecked`. */
  offline?: boolean;
  /** Per network call (default 5000). */
  timeoutMs?: number;
  /** Profiles checked at once (default 50: one round of requests for a typical machine). */
  concurrency?: number;
  signal?: AbortSignal;
  /** Asked for an MFA code when a role needs one; undefined = no code (the profile is then `mfa-required`). */
  mfaCode?: (profile: string, serial: string) => Promise<string | undefined>;
  /** A proxy URL from the editor (VS Code's http.proxy); beats HTTPS_PROXY, still subject to NO_PROXY. */
  proxy?: string;
  /** Receives redacted log lines. */
  log?: (line: string) => void;
  /** Called as each profile's check ends (for live UI updates). */
  onProfile?: (c: ProfileCheck) => void;
  /** Skip probing `aws` on PATH (a front that only wants profiles). */
  skipCliProbe?: boolean;
  /** Use these installs instead of probing (tests, cached results). */
  cliInstalls?: CliInstall[];
}

/** Credentials expiring sooner than this are a warning. */
const EXPIRING_MS = 15 * 60_000;
/** A clock this far off makes AWS refuse signatures (the SDK corrects and retries; we still say so). */
const SKEW_MS = 5 * 60_000;

/** State shared by the checks of one run. */
interface Run {
  files: AwsFiles;
  env: NodeJS.ProcessEnv;
  home: string;
  o: CheckOptions;
  timeoutMs: number;
  secrets: SecretSet;
  log: (line: string) => void;
  sdk: () => SdkModule;
  /** CA bundle texts by path, read once per run. */
  caBundles: Map<string, string | null>;
}

function newRun(files: AwsFiles, o: CheckOptions): Run {
  const env = o.env ?? process.env;
  const secrets = new SecretSet();
  // Every secret written in the files (both readings) is known from the start, so even a file problem that
  // quoted a line, or an offline run, cannot show one.
  for (const view of [files.analysis.cli, files.analysis.sdk]) {
    for (const p of Object.values(view.profiles)) {
      for (const [k, v] of Object.entries(p.settings)) if (typeof v === 'string' && isSecretKey(k)) secrets.add(v);
    }
  }
  const ek = envCredentials(env);
  if (ek) secrets.add(ek.secretAccessKey, ek.sessionToken);
  const log = (line: string) => o.log?.(secrets.redact(line));
  let sdk: SdkModule | undefined;
  return {
    files,
    env,
    home: homeFolder(env, process.platform === 'win32' ? 'win32' : process.platform === 'darwin' ? 'darwin' : 'linux', homedir()) ?? homedir(),
    o,
    timeoutMs: o.timeoutMs ?? 5000,
    secrets,
    log,
    sdk: () => {
      if (!sdk) {
        const t0 = Date.now();
        sdk = loadSdk();
        log(`AWS SDK loaded in ${Date.now() - t0} ms`);
      }
      return sdk;
    },
    caBundles: new Map(),
  };
}

/** Checks every profile (or `o.profile`), the environment keys, the files and the AWS CLI; never throws on bad input. */
export async function runChecks(o: CheckOptions = {}): Promise<CheckReport> {
  const env = o.env ?? process.env;
  const files = o.files ?? (await readAwsFiles(env));
  const run = newRun(files, o);
  const view = files.analysis.cli;
  const cliPromise: Promise<CliInstall[]> = o.cliInstalls
    ? Promise.resolve(o.cliInstalls)
    : o.skipCliProbe
      ? Promise.resolve([])
      : probeAwsCli({ env, timeoutMs: Math.max(run.timeoutMs, 10_000) });

  const names = o.profile !== undefined ? [o.profile] : Object.keys(view.profiles);
  const limit = limiter(Math.max(1, o.concurrency ?? 50));
  const environmentPromise = o.profile === undefined && envCredentials(env) ? checkEnvironment(run) : Promise.resolve(null);
  const profilePromises = names.map((n) =>
    limit(() => checkOne(n, run)).then((c) => {
      o.onProfile?.(c);
      return c;
    }),
  );
  const [environment, profiles, installs] = await Promise.all([environmentPromise, Promise.all(profilePromises), cliPromise]);

  const active = o.profile ?? files.activeProfile.name;
  const source = o.profile !== undefined ? { cli: o.profile, sdk: o.profile, problems: [] as Problem[] } : decideSource(env, active);
  const globalProblems: Problem[] = [...source.problems, ...envKeyFindings(env), ...(await permissionFindings(files))];
  const cliProblems = judgeCliInstalls(installs, process.platform);
  const steps = judgeSteps({
    fileProblems: files.analysis.problems,
    profiles,
    environment,
    activeProfile: active,
    cliUsesEnvironment: source.cli === 'environment',
    globalProblems,
    cliInstalls: installs,
    cliProblems,
    offline: !!o.offline,
  });
  const first = installs[0];
  const redactP = (p: Problem): Problem => withIdentityFix({ ...p, message: run.secrets.redact(p.message) });
  const report: CheckReport = {
    steps: steps.map((s) => ({ ...s, summary: run.secrets.redact(s.summary), problems: s.problems.map(redactP) })),
    activeProfile: active,
    cli: first ? { path: first.path, version: first.version } : null,
    cliInstalls: installs,
    profiles: profiles.map((c) => ({ ...c, problems: c.problems.map(redactP) })),
    problems: [...files.analysis.problems, ...globalProblems, ...cliProblems].map(redactP),
    configFile: files.configFile,
    credentialsFile: files.credentialsFile,
    checkedAt: new Date().toISOString(),
    environment: environment ? { ...environment, problems: environment.problems.map(redactP) } : null,
    source: { cli: source.cli, sdk: source.sdk },
  };
  return report;
}

/** Checks one profile as `aws --profile NAME sts get-caller-identity` would (environment keys do not apply). */
export async function checkProfile(name: string, o: CheckOptions = {}): Promise<ProfileCheck> {
  const env = o.env ?? process.env;
  const files = o.files ?? (await readAwsFiles(env));
  const run = newRun(files, o);
  const c = await checkOne(name, run);
  return { ...c, problems: c.problems.map((p) => withIdentityFix({ ...p, message: run.secrets.redact(p.message) })) };
}

async function checkOne(name: string, run: Run): Promise<ProfileCheck> {
  try {
    return await checkOneUnsafe(name, run);
  } catch (e) {
    // A bug of ours must not hide the other profiles; the message is redacted by the caller.
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    run.log(`internal error checking ${name}: ${msg}`);
    return {
      name,
      kind: 'incomplete',
      status: 'error',
      identity: null,
      expiresAt: null,
      problems: [problem('internal-error', `AWS Prereqs failed while checking profile \`${name}\` (${msg}). Please report it.`, { profile: name })],
      sources: run.files.analysis.cli.profiles[name]?.sources ?? [],
    };
  }
}

async function checkOneUnsafe(name: string, run: Run): Promise<ProfileCheck> {
  const view = run.files.analysis.cli;
  const profile = view.profiles[name];
  const kind: ProfileKind = profile ? profileKind(profile, view) : 'incomplete';
  const problems: Problem[] = run.files.analysis.problems.filter((p) => p.profile === name);
  const out = (identity: Identity | null, expiresAt: string | null, checked: boolean): ProfileCheck => ({
    name,
    kind,
    status: profileStatus(problems, checked, identity !== null),
    identity,
    expiresAt,
    problems,
    sources: profile?.sources ?? [],
  });
  const chain = resolveChain(view, name);
  if ('problem' in chain) {
    if (!problems.some((p) => p.code === chain.problem.code && p.line === chain.problem.line)) problems.push(chain.problem);
    return out(null, null, false);
  }
  const base = chain.chain[0];
  if (base?.type === 'AccessKey' && base.accessKeyId.startsWith('AKIA') && (base.profile === name || run.o.profile === name)) {
    const holder = view.profiles[base.profile];
    const at = holder?.keySources.aws_access_key_id;
    problems.push(
      problem(
        'long-term-key',
        `Profile \`${base.profile}\` stores a long-term access key (${base.accessKeyId.slice(0, 4)}…${base.accessKeyId.slice(-4)}) on disk${at ? ` in ${at.file}` : ''}${base.profile !== name ? `, used by \`${name}\`` : ''}. It never expires if copied. Prefer IAM Identity Center (aws configure sso) or aws login, which give short-term credentials, and deactivate this key.`,
        { profile: name, ...(at ? { file: at.file, line: at.line } : {}) },
      ),
    );
  }
  if (run.o.offline) return out(null, base ? await peekExpiry(base, run) : null, false);
  if (run.o.signal?.aborted) {
    problems.push(problem('check-skipped', `The check of profile \`${name}\` was cancelled.`, { profile: name }));
    return out(null, null, false);
  }

  const ctx = resolveContext(name, run);
  run.log(`checking profile ${name} (${kind})`);
  const r = await resolveChainCredentials(name, chain.chain, ctx);
  if (!r.ok) {
    problems.push(r.problem);
    // An expired sign-in still has a date the fronts can show ("expired 3 min ago").
    const expired = ['expired-token', 'sso-token-expired', 'login-token-expired'].includes(r.problem.code);
    return out(null, expired && base ? await peekExpiry(base, run) : null, r.checked && r.problem.code !== 'check-skipped');
  }
  const verdict = await confirm(name, r.resolved, ctx, run, base?.type === 'AccessKey' && base.profile !== name ? base.profile : undefined);
  problems.push(...verdict.problems);
  // A cancelled call checked nothing.
  return out(verdict.identity, r.resolved.expiresAt, !verdict.problems.some((p) => p.code === 'check-skipped'));
}

async function checkEnvironment(run: Run): Promise<ProfileCheck> {
  const c = envCredentials(run.env)!;
  run.secrets.add(c.secretAccessKey, c.sessionToken);
  const problems: Problem[] = [];
  const kind: ProfileKind = c.sessionToken ? 'session-keys' : 'static-keys';
  const expiresAt = isoExpiry(c.expiration);
  const mk = (identity: Identity | null, checked: boolean): ProfileCheck => ({
    name: 'environment',
    kind,
    status: profileStatus(problems, checked, identity !== null),
    identity,
    expiresAt,
    problems,
    sources: [],
  });
  if (run.o.offline) return mk(null, false);
  if (expiresAt && Date.parse(expiresAt) <= Date.now()) {
    problems.push(problem('expired-token', `The keys in AWS_ACCESS_KEY_ID expired at ${expiresAt} (AWS_CREDENTIAL_EXPIRATION). Get new ones or unset the variables.`, { profile: 'environment' }));
    return mk(null, true);
  }
  // With environment keys the CLI still takes region and endpoints from the active profile.
  const ctx = resolveContext(run.files.activeProfile.name, run);
  const v = await confirm('environment', { credentials: c, expiresAt, temporary: !!c.sessionToken }, ctx, run);
  problems.push(...v.problems);
  return mk(v.identity, !v.problems.some((p) => p.code === 'check-skipped'));
}

/** GetCallerIdentity with resolved credentials, plus what the answer tells: root user, clock skew, expiry soon. */
async function confirm(
  name: string,
  resolved: Resolved,
  ctx: ResolveContext,
  run: Run,
  signingProfile?: string,
): Promise<{ identity: Identity | null; problems: Problem[] }> {
  const problems: Problem[] = [];
  const w = ctx.wire('sts');
  run.log(`GetCallerIdentity for ${name} via ${w.endpoint} (region ${w.region}${w.proxy ? ', proxy' : ''})`);
  const t0 = Date.now();
  const r = await run.sdk().stsGetCallerIdentity(resolved.credentials as Credentials, w);
  run.log(`GetCallerIdentity for ${name}: ${r.ok ? 'ok' : 'failed'} in ${Date.now() - t0} ms`);
  if (!r.ok) {
    problems.push(classifyAwsError(r.facts, errCtx(name, 'GetCallerIdentity', w, ctx, { temporary: resolved.temporary, ...(signingProfile ? { signingProfile } : {}) })));
    return { identity: null, problems };
  }
  const id = r.value;
  const who = name === 'environment' ? 'The environment keys' : `Profile \`${name}\``;
  if (/:root$/.test(id.arn)) {
    problems.push(
      problem(
        'root-user',
        `${who} sign${name === 'environment' ? '' : 's'} in as the root user of account ${id.account}. Use root only for the few tasks that need it: create an everyday identity in IAM Identity Center (or an IAM user), then delete the root access keys.`,
        { profile: name },
      ),
    );
  }
  const off = clockOffsetMs(r.dateHeader, Date.now());
  if (off !== null && Math.abs(off) > SKEW_MS) {
    problems.push(
      problem('clock-skew', `This computer's clock is ${durationWords(off)} ${off > 0 ? 'behind' : 'ahead of'} AWS's. The check still worked after a retry, but other tools may fail: turn on automatic time synchronisation.`, {
        profile: name,
        severity: 'warning',
      }),
    );
  }
  if (resolved.expiresAt) {
    const left = Date.parse(resolved.expiresAt) - Date.now();
    if (left < EXPIRING_MS) {
      problems.push(problem('credentials-expiring', `${who}'s credentials expire in ${durationWords(left)} (${resolved.expiresAt}). Renew them soon.`, { profile: name }));
    }
  }
  return { identity: id, problems };
}

function resolveContext(name: string, run: Run): ResolveContext {
  const settings: Record<string, SettingValue> = run.files.analysis.cli.profiles[name]?.settings ?? {};
  const ctx: ResolveContext = {
    view: run.files.analysis.cli,
    env: run.env,
    home: run.home,
    platform: process.platform,
    now: () => Date.now(),
    timeoutMs: run.timeoutMs,
    secrets: run.secrets,
    log: run.log,
    sdk: run.sdk,
    wire: (service, region) => wireOptions(run, settings, service, region),
  };
  if (run.o.signal) ctx.signal = run.o.signal;
  if (run.o.mfaCode) ctx.mfaCode = run.o.mfaCode;
  return ctx;
}

function wireOptions(run: Run, settings: Record<string, SettingValue>, service: 'sts' | 'sso' | 'sso-oidc', regionOverride?: string): WireOptions {
  const region = regionOverride ?? chooseRegion(run.env, settings).region;
  const configured = configuredEndpoint({ service, env: run.env, settings, services: run.files.analysis.cli.services });
  const sts = typeof settings.sts_regional_endpoints === 'string' ? settings.sts_regional_endpoints : undefined;
  const endpoint =
    configured.url ??
    (service === 'sts'
      ? defaultStsEndpoint(region, run.env.AWS_STS_REGIONAL_ENDPOINTS ?? sts, {
          fips: boolSetting(run.env, 'AWS_USE_FIPS_ENDPOINT', settings, 'use_fips_endpoint'),
          dualstack: boolSetting(run.env, 'AWS_USE_DUALSTACK_ENDPOINT', settings, 'use_dualstack_endpoint'),
        })
      : service === 'sso'
        ? `https://portal.sso.${region}.${dnsSuffix(region)}`
        : `https://oidc.${region}.${dnsSuffix(region)}`);
  const w: WireOptions = { region, endpoint, timeoutMs: run.timeoutMs, proxy: proxyFor(endpoint, run.env, run.o.proxy) };
  if (run.o.signal) w.signal = run.o.signal;
  const ca = run.env.AWS_CA_BUNDLE || (typeof settings.ca_bundle === 'string' ? settings.ca_bundle : undefined);
  if (ca) w.caBundle = caBundleSync(run, ca);
  return w;
}

// CA bundles are small and read once per run; a missing one is reported by the TLS failure it causes.
function caBundleSync(run: Run, path: string): string | null {
  if (run.caBundles.has(path)) return run.caBundles.get(path)!;
  let pem: string | null = null;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (e) {
    run.log(`AWS_CA_BUNDLE / ca_bundle ${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}); using the default trust store`);
  }
  run.caBundles.set(path, pem);
  return pem;
}

/** The expiry written on disk for a chain's base (aws_expiration, the SSO or login cache), without any network call. */
async function peekExpiry(base: ChainLink, run: Run): Promise<string | null> {
  const settings = run.files.analysis.cli.profiles[base.profile]?.settings;
  try {
    if (base.type === 'AccessKey') {
      const v = settings?.aws_expiration;
      return typeof v === 'string' ? isoExpiry(v) : null;
    }
    if (base.type === 'Sso') {
      const key = base.session ?? base.startUrl;
      if (!key) return null;
      const t = parseSsoToken(await readFile(join(run.home, '.aws', 'sso', 'cache', createHash('sha1').update(key, 'utf8').digest('hex') + '.json'), 'utf8'));
      return 'error' in t ? null : isoExpiry(t.expiresAt);
    }
    if (base.type === 'ConsoleLogin') {
      const dir = run.env.AWS_LOGIN_CACHE_DIRECTORY || join(run.home, '.aws', 'login', 'cache');
      const t = parseLoginToken(await readFile(join(dir, createHash('sha256').update(base.loginSession, 'utf8').digest('hex') + '.json'), 'utf8'));
      return 'error' in t ? null : isoExpiry(t.credentials.expiration);
    }
  } catch {
    /* no cache: no expiry */
  }
  return null;
}

function envKeyFindings(env: NodeJS.ProcessEnv): Problem[] {
  const c = envCredentials(env);
  if (!c) return [];
  const long = c.accessKeyId.startsWith('AKIA');
  return [
    problem(
      'env-keys',
      long
        ? 'A long-term access key is set in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. Environment variables leak into every child process and shell history; use a profile with IAM Identity Center or aws login instead, and unset them.'
        : 'Temporary keys are set in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN. They override every profile for the AWS CLI; unset them when you are done.',
      long ? {} : { severity: 'info' },
    ),
  ];
}

async function permissionFindings(files: AwsFiles): Promise<Problem[]> {
  if (process.platform === 'win32' || files.credentials.text === null) return [];
  try {
    const st = await stat(files.credentialsFile);
    const mode = st.mode & 0o777;
    if ((mode & 0o077) === 0) return [];
    return [
      problem(
        'insecure-permissions',
        `${files.credentialsFile} can be read by other users of this computer (mode ${mode.toString(8).padStart(4, '0')}). Run: chmod 600 ${files.credentialsFile}`,
        { file: files.credentialsFile, fix: { title: 'Make the credentials file private (chmod 600)', command: { id: 'awsPrereqs.fixPermissions', args: [files.credentialsFile] } } },
      ),
    ];
  } catch {
    return [];
  }
}

/** A small concurrency limiter: at most `n` tasks run at once, in order of arrival. */
function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    if (active >= n) return;
    const start = queue.shift();
    if (start) start();
  };
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push(() => {
        active++;
        task()
          .then(resolve, reject)
          .finally(() => {
            active--;
            next();
          });
      });
      next();
    });
}
