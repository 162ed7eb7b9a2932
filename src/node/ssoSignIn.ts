// Signing in to IAM Identity Center from VS Code with the OAuth device authorization grant, the
// way `aws sso login --use-device-code` does, and writing the token cache exactly as the AWS CLI
// does so `aws` and the SDKs reuse the sign-in. The SDK calls come through `SsoWire`
// (src/node/sdkSso.ts, in the lazily loaded SDK chunk), which tests can point at a fake.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  cacheTime,
  clientName,
  tokenCacheKey,
  isCacheExpired,
  registrationCacheText,
  registrationKeyInput,
  tokenCacheText,
  type SsoRegistrationCache,
  type SsoTokenCache,
} from '../core/ssoTokenCache';
import { UserError } from '../core/userError';
import { loadSdk } from './loadSdk';

/** An error from the wire, with the OAuth error code when there is one. Never carries a token. */
export interface SsoWireError {
  wire: true;
  code:
    | 'authorization_pending'
    | 'slow_down'
    | 'expired_token'
    | 'access_denied'
    | 'invalid_client'
    | 'invalid_grant'
    | 'unauthorized'
    | 'invalid_request'
    | 'unreachable'
    | 'other';
  name: string;
  message: string;
  status?: number;
}

/** The five IAM Identity Center calls the sign-in needs (implemented with the SDK in sdkSso.ts). */
export interface SsoWire {
  registerClient(clientName: string, scopes: string[]): Promise<{ clientId: string; clientSecret: string; clientSecretExpiresAt: number }>;
  startDeviceAuthorization(
    clientId: string,
    clientSecret: string,
    startUrl: string,
  ): Promise<{ deviceCode: string; userCode: string; verificationUri: string; verificationUriComplete: string; expiresIn: number; interval?: number }>;
  createToken(clientId: string, clientSecret: string, deviceCode: string): Promise<{ accessToken: string; expiresIn: number; refreshToken?: string }>;
  listAccounts(accessToken: string, nextToken?: string): Promise<{ accounts: { accountId: string; accountName: string; email: string }[]; nextToken?: string }>;
  listAccountRoles(accessToken: string, accountId: string, nextToken?: string): Promise<{ roles: string[]; nextToken?: string }>;
  destroy(): void;
}

/** What the person must do to finish signing in: open the page and confirm the code. */
export interface PendingAuthorization {
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  /** ISO-8601: the code stops working then. */
  expiresAt: string;
}

/** Why a sign-in did not finish. The message is for people (a UserError); it never contains a token. */
export class SsoSignInError extends UserError {
  constructor(
    readonly reason: 'cancelled' | 'expired' | 'denied' | 'unreachable' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'SsoSignInError';
  }
}

/** Options of a device sign-in. */
export interface SignInOptions {
  wire: SsoWire;
  /** The sso-session name (names the token file); null for a legacy profile (sso_start_url in the profile), whose token file is named by the start URL. */
  sessionName: string | null;
  startUrl: string;
  region: string;
  scopes: string[];
  /** The home folder: the cache is <home>/.aws/sso/cache, where the CLI and SDKs look. */
  home: string;
  /** Called once, when the person has to act (not called when the client was already authorized). */
  onPending?: (a: PendingAuthorization) => void;
  signal?: AbortSignal;
  /** Injected clock and sleep (tests); defaults are Date.now and a timer that stops on abort. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** The outcome of a sign-in: where the token was written and until when it is good. Never the token itself. */
export interface SignInResult {
  cacheFile: string;
  expiresAt: string;
  /** The access token, for listing accounts right after; callers must not show, log or send it. */
  accessToken: string;
}

// RFC 8628 §3.5: slow_down adds 5 seconds to the interval; 5 s is the default interval.
const SLOW_DOWN_SECONDS = 5;
const DEFAULT_INTERVAL_SECONDS = 5;

/** The folder the AWS CLI and SDKs keep IAM Identity Center tokens in. */
export function ssoCacheDir(home: string): string {
  return join(home, '.aws', 'sso', 'cache');
}

/** The token file for a key (an sso-session's name, or a legacy profile's start URL: see tokenCacheKey) — what the CLI and SDKs open. */
export function tokenCacheFile(home: string, key: string): string {
  return join(ssoCacheDir(home), createHash('sha1').update(key, 'utf8').digest('hex') + '.json');
}

/**
 * The SsoWire for a Region, on the SDK chunk, pointed where the AWS tools would go: AWS_ENDPOINT_URL_SSO_OIDC /
 * AWS_ENDPOINT_URL_SSO (or AWS_ENDPOINT_URL) when set — how the tests reach the IAM Identity Center fake.
 */
export function ssoWireFor(env: NodeJS.ProcessEnv, region: string): SsoWire {
  const oidc = env.AWS_ENDPOINT_URL_SSO_OIDC ?? env.AWS_ENDPOINT_URL;
  const portal = env.AWS_ENDPOINT_URL_SSO ?? env.AWS_ENDPOINT_URL;
  return loadSdk().createSsoWire({ region, ...(oidc ? { oidcEndpoint: oidc } : {}), ...(portal ? { portalEndpoint: portal } : {}) });
}

function registrationCacheFile(home: string, startUrl: string, region: string, scopes: string[], sessionName: string | null): string {
  const key = createHash('sha1').update(registrationKeyInput(startUrl, region, scopes, sessionName), 'utf8').digest('hex');
  return join(ssoCacheDir(home), key + '.json');
}

/** Writes a file atomically with mode 0600 (temp file in the same folder, fsync, rename). */
export async function writePrivateFile(path: string, text: string): Promise<void> {
  const dir = join(path, '..');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', 0o600);
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new SsoSignInError('cancelled', 'The sign-in was cancelled.'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new SsoSignInError('cancelled', 'The sign-in was cancelled.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const isWire = (e: unknown): e is SsoWireError => typeof e === 'object' && e !== null && (e as SsoWireError).wire === true;

/** Turns a wire error into words for the person. */
function explain(e: unknown, startUrl: string, region: string): SsoSignInError {
  if (e instanceof SsoSignInError) return e;
  if (!isWire(e)) return new SsoSignInError('failed', `The sign-in failed: ${e instanceof Error ? e.message : String(e)}`);
  switch (e.code) {
    case 'expired_token':
      return new SsoSignInError('expired', 'The sign-in code expired before it was confirmed. Start the sign-in again and confirm the code within a few minutes.');
    case 'access_denied':
      return new SsoSignInError('denied', 'The sign-in was denied in the browser. Start again and choose "Allow" when the page asks.');
    case 'unreachable':
      return new SsoSignInError('unreachable', `IAM Identity Center in ${region} cannot be reached. Check your network connection and that ${region} is the Region of your Identity Center.`);
    case 'invalid_request':
    case 'invalid_client':
    case 'unauthorized':
      return new SsoSignInError(
        'failed',
        `IAM Identity Center in ${region} refused the sign-in (${e.name}). Check the start URL ${startUrl} and that ${region} is the Region of your Identity Center.`,
      );
    default:
      return new SsoSignInError('failed', `IAM Identity Center answered with an error (${e.name}). Try again; if it keeps failing, check the start URL and Region.`);
  }
}

async function readJson(path: string): Promise<Record<string, unknown> | null> {
  try {
    const v: unknown = JSON.parse(await readFile(path, 'utf8'));
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A registration the CLI (or we) cached, reused while it is valid, as `aws sso login` does. */
async function registration(o: SignInOptions, now: () => number): Promise<SsoRegistrationCache> {
  const file = registrationCacheFile(o.home, o.startUrl, o.region, o.scopes, o.sessionName);
  const cached = await readJson(file);
  if (
    cached &&
    typeof cached.clientId === 'string' &&
    typeof cached.clientSecret === 'string' &&
    typeof cached.expiresAt === 'string' &&
    !isCacheExpired(cached.expiresAt, now())
  ) {
    return { clientId: cached.clientId, clientSecret: cached.clientSecret, expiresAt: cached.expiresAt, ...(o.scopes.length ? { scopes: o.scopes } : {}) };
  }
  const r = await o.wire.registerClient(clientName(o.sessionName, now()), o.scopes);
  const reg: SsoRegistrationCache = {
    clientId: r.clientId,
    clientSecret: r.clientSecret,
    expiresAt: cacheTime(r.clientSecretExpiresAt * 1000),
    ...(o.scopes.length ? { scopes: o.scopes } : {}),
  };
  await writePrivateFile(file, registrationCacheText(reg));
  return reg;
}

/**
 * Signs in with the device authorization grant: register (or reuse) a client, start a device
 * authorization, tell the person the code, poll CreateToken at the pace the service asks for,
 * and write the token cache. Rejects with SsoSignInError (cancelled, expired, denied, …).
 */
export async function signInWithDeviceCode(o: SignInOptions): Promise<SignInResult> {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? defaultSleep;
  const cancelled = () => new SsoSignInError('cancelled', 'The sign-in was cancelled.');
  try {
    if (o.signal?.aborted) throw cancelled();
    const reg = await registration(o, now);
    if (o.signal?.aborted) throw cancelled();
    const auth = await o.wire.startDeviceAuthorization(reg.clientId, reg.clientSecret, o.startUrl);
    const codeExpiresAt = now() + auth.expiresIn * 1000;
    let interval = auth.interval ?? DEFAULT_INTERVAL_SECONDS;

    const attempt = async (): Promise<{ accessToken: string; expiresIn: number; refreshToken?: string } | null> => {
      try {
        return await o.wire.createToken(reg.clientId, reg.clientSecret, auth.deviceCode);
      } catch (e) {
        if (isWire(e) && e.code === 'authorization_pending') return null;
        if (isWire(e) && e.code === 'slow_down') {
          interval += SLOW_DOWN_SECONDS;
          return null;
        }
        throw e;
      }
    };

    // Like the CLI: one attempt first (the client may already be authorized), then tell the person.
    let token = await attempt();
    if (!token) {
      o.onPending?.({
        userCode: auth.userCode,
        verificationUri: auth.verificationUri,
        verificationUriComplete: auth.verificationUriComplete,
        expiresAt: new Date(codeExpiresAt).toISOString(),
      });
    }
    while (!token) {
      await sleep(interval * 1000, o.signal);
      if (o.signal?.aborted) throw cancelled();
      // The service answers expired_token once the code is past its life; we also stop on our own
      // clock so a silent service cannot keep us polling forever.
      if (now() > codeExpiresAt + interval * 1000) {
        throw new SsoSignInError('expired', 'The sign-in code expired before it was confirmed. Start the sign-in again and confirm the code within a few minutes.');
      }
      token = await attempt();
    }

    const cache: SsoTokenCache = {
      startUrl: o.startUrl,
      region: o.region,
      accessToken: token.accessToken,
      expiresAt: cacheTime(now() + token.expiresIn * 1000),
      clientId: reg.clientId,
      clientSecret: reg.clientSecret,
      registrationExpiresAt: reg.expiresAt,
      ...(token.refreshToken !== undefined ? { refreshToken: token.refreshToken } : {}),
    };
    const cacheFile = tokenCacheFile(o.home, tokenCacheKey(o.sessionName, o.startUrl));
    await writePrivateFile(cacheFile, tokenCacheText(cache));
    return { cacheFile, expiresAt: cache.expiresAt, accessToken: token.accessToken };
  } catch (e) {
    throw explain(e, o.startUrl, o.region);
  }
}

/** An account and the roles the signed-in person may use in it. */
export interface AccountRoles {
  accountId: string;
  accountName: string;
  email: string;
  roles: string[];
}

/** Every account and role the person can use, following nextToken through every page. */
export async function listAccountsAndRoles(wire: SsoWire, accessToken: string, limit = 500): Promise<AccountRoles[]> {
  const out: AccountRoles[] = [];
  try {
    let next: string | undefined;
    do {
      const page = await wire.listAccounts(accessToken, next);
      for (const a of page.accounts) out.push({ ...a, roles: [] });
      next = page.nextToken;
    } while (next && out.length < limit);
    for (const a of out) {
      let rn: string | undefined;
      do {
        const page = await wire.listAccountRoles(accessToken, a.accountId, rn);
        a.roles.push(...page.roles);
        rn = page.nextToken;
      } while (rn);
    }
  } catch (e) {
    if (isWire(e) && (e.name === 'UnauthorizedException' || e.status === 401))
      throw new SsoSignInError('expired', 'The IAM Identity Center sign-in is no longer valid. Sign in again.');
    throw explain(e, '', '');
  }
  out.sort((a, b) => a.accountName.localeCompare(b.accountName) || a.accountId.localeCompare(b.accountId));
  return out;
}
