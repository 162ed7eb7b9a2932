// STS and the IAM Identity Center portal through AWS SDK v3 clients given explicit credentials, region and
// endpoint (never the SDK's own file loader). Part of the dist/sdk.js chunk. Every call has a timeout and
// honours an AbortSignal; failures come back as plain ErrorFacts, never thrown, never carrying secrets.
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { GetRoleCredentialsCommand, SSOClient } from '@aws-sdk/client-sso';
import { CreateTokenCommand, SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import type { Credentials } from '../core/credentialSources';
import type { ErrorFacts } from '../core/stsErrors';
import type { Identity } from '../core/model';

/** How to reach the service for one call. */
export interface WireOptions {
  region: string;
  /** Always explicit: the engine decides the endpoint (configured or regional default). */
  endpoint: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Proxy URL, already filtered by NO_PROXY; null for a direct connection. */
  proxy?: string | null;
  /** PEM text of extra trusted certificates (AWS_CA_BUNDLE / ca_bundle). */
  caBundle?: string | null;
  /** Attempts including the first (the SDK's retry with backoff); default 2. */
  maxAttempts?: number;
}

/** A call's outcome: the value and the response's Date header, or the facts of the failure. */
export type WireResult<T> = { ok: true; value: T; dateHeader?: string } | { ok: false; facts: ErrorFacts };

// One keep-alive handler per (proxy, CA) so many profiles share connections: fewer round trips.
const handlers = new Map<string, NodeHttpHandler>();
const agents: (HttpAgent | HttpsAgent)[] = [];

function handlerFor(o: WireOptions): NodeHttpHandler {
  const key = `${o.proxy ?? ''}|${o.caBundle ?? ''}`;
  let h = handlers.get(key);
  if (h) return h;
  const tls = o.caBundle ? { ca: o.caBundle } : {};
  const common = { keepAlive: true, maxSockets: 64 };
  const httpAgent = o.proxy ? new HttpProxyAgent(o.proxy, common) : new HttpAgent(common);
  const httpsAgent = o.proxy ? proxyAgentWithCa(o.proxy, common, o.caBundle ?? null) : new HttpsAgent({ ...common, ...tls });
  agents.push(httpAgent, httpsAgent);
  h = new NodeHttpHandler({ httpAgent, httpsAgent, connectionTimeout: o.timeoutMs, requestTimeout: o.timeoutMs });
  handlers.set(key, h);
  return h;
}

// HttpsProxyAgent uses its options for the hop to the proxy only: the CA bundle must be added to each tunnel's
// TLS upgrade, and for an IP-address target (no SNI) the certificate must still be checked against that address.
function proxyAgentWithCa(proxy: string, common: { keepAlive: boolean; maxSockets: number }, ca: string | null): HttpsAgent {
  class TunnelAgent extends HttpsProxyAgent<string> {
    override connect(req: Parameters<HttpsProxyAgent<string>['connect']>[0], opts: Parameters<HttpsProxyAgent<string>['connect']>[1]) {
      const host = String(opts.host ?? '');
      const extra = {
        ...(ca ? { ca } : {}),
        checkServerIdentity: (_servername: string, cert: PeerCertificate) => checkServerIdentity(host, cert),
      };
      return super.connect(req, { ...opts, ...extra } as typeof opts);
    }
  }
  return new TunnelAgent(proxy, common) as unknown as HttpsAgent;
}

/** Closes every pooled connection (the terminal front calls this so the process can end at once). */
export function closeSdkConnections(): void {
  for (const h of handlers.values()) h.destroy();
  for (const a of agents) a.destroy();
  handlers.clear();
  agents.length = 0;
}

type DateBox = { date?: string };

function clientConfig(o: WireOptions, box: DateBox) {
  return {
    region: o.region,
    endpoint: o.endpoint,
    maxAttempts: o.maxAttempts ?? 2,
    requestHandler: handlerFor(o),
    box,
  };
}

// Remembers the Date header of the last response (success or error) for the clock-skew measurement.
function captureDate(client: { middlewareStack: { add: (...a: never[]) => void } }, box: DateBox): void {
  const mw = (next: (a: unknown) => Promise<{ response?: { headers?: Record<string, string> } }>) => async (args: unknown) => {
    try {
      const r = await next(args);
      const d = r.response?.headers?.date;
      if (d) box.date = d;
      return r;
    } catch (e) {
      const d = (e as { $response?: { headers?: Record<string, string> } })?.$response?.headers?.date;
      if (d) box.date = d;
      throw e;
    }
  };
  (client.middlewareStack.add as unknown as (m: unknown, o: unknown) => void)(mw, { step: 'deserialize', name: 'awsPrereqsDate', priority: 'high' });
}

/** Extracts the plain facts of an SDK or socket error (no secrets: messages come from AWS or Node). */
export function errorFacts(e: unknown, timedOut: boolean, cancelled: boolean, dateHeader?: string): ErrorFacts {
  const err = (e ?? {}) as {
    name?: string;
    Code?: string;
    code?: string;
    message?: string;
    errno?: string;
    cause?: { code?: string; name?: string };
    $metadata?: { httpStatusCode?: number };
    $response?: { statusCode?: number; headers?: Record<string, string> };
  };
  const f: ErrorFacts = {};
  const netCode = typeof err.code === 'string' ? err.code : typeof err.cause?.code === 'string' ? err.cause.code : undefined;
  if (netCode && /^[A-Z_0-9]+$/.test(netCode)) f.errno = netCode;
  const name = err.Code ?? err.name;
  // The HTTP handler names socket resets "TimeoutError"; the socket's own code is the truth then.
  if (name && name !== 'Error' && !f.errno) f.code = name;
  if (err.message) f.message = err.message;
  const status = err.$metadata?.httpStatusCode ?? err.$response?.statusCode;
  if (status !== undefined) f.httpStatus = status;
  const d = dateHeader ?? err.$response?.headers?.date;
  if (d) f.dateHeader = d;
  if (timedOut) f.timedOut = true;
  if (cancelled) f.cancelled = true;
  // An abort surfaces as AbortError; say why we aborted instead.
  if ((timedOut || cancelled) && (f.code === 'AbortError' || !f.code)) delete f.code;
  return f;
}

async function call<T>(o: WireOptions, run: (abortSignal: AbortSignal, box: DateBox) => Promise<T>): Promise<WireResult<T>> {
  const ac = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ac.abort();
  }, o.timeoutMs);
  const onAbort = () => ac.abort();
  if (o.signal?.aborted) ac.abort();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  const box: DateBox = {};
  try {
    const value = await run(ac.signal, box);
    return box.date ? { ok: true, value, dateHeader: box.date } : { ok: true, value };
  } catch (e) {
    return { ok: false, facts: errorFacts(e, timedOut, !timedOut && (o.signal?.aborted ?? false), box.date) };
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onAbort);
  }
}

function stsClient(creds: Credentials | null, o: WireOptions, box: DateBox): STSClient {
  const { box: _b, ...cfg } = clientConfig(o, box);
  const c = new STSClient({
    ...cfg,
    ...(creds
      ? { credentials: { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, ...(creds.sessionToken ? { sessionToken: creds.sessionToken } : {}) } }
      : { credentials: { accessKeyId: '', secretAccessKey: '' } }),
  });
  captureDate(c as never, box);
  return c;
}

/** STS GetCallerIdentity with the given credentials. */
export function stsGetCallerIdentity(creds: Credentials, o: WireOptions): Promise<WireResult<Identity>> {
  return call(o, async (abortSignal, box) => {
    const r = await stsClient(creds, o, box).send(new GetCallerIdentityCommand({}), { abortSignal });
    return { account: r.Account ?? '', arn: r.Arn ?? '', userId: r.UserId ?? '' };
  });
}

/** Parameters of an AssumeRole call (from the role profile's settings, plus the MFA code when asked). */
export interface AssumeRoleParams {
  roleArn: string;
  sessionName: string;
  externalId?: string;
  serialNumber?: string;
  tokenCode?: string;
  durationSeconds?: number;
}

/** STS AssumeRole with the source credentials. */
export function stsAssumeRole(creds: Credentials, p: AssumeRoleParams, o: WireOptions): Promise<WireResult<Credentials>> {
  return call(o, async (abortSignal, box) => {
    const r = await stsClient(creds, o, box).send(
      new AssumeRoleCommand({
        RoleArn: p.roleArn,
        RoleSessionName: p.sessionName,
        ...(p.externalId ? { ExternalId: p.externalId } : {}),
        ...(p.serialNumber ? { SerialNumber: p.serialNumber } : {}),
        ...(p.tokenCode ? { TokenCode: p.tokenCode } : {}),
        ...(p.durationSeconds ? { DurationSeconds: p.durationSeconds } : {}),
      }),
      { abortSignal },
    );
    return toCreds(r.Credentials);
  });
}

/** STS AssumeRoleWithWebIdentity (unsigned: the token file is the proof). */
export function stsAssumeRoleWithWebIdentity(p: { roleArn: string; sessionName: string; token: string }, o: WireOptions): Promise<WireResult<Credentials>> {
  return call(o, async (abortSignal, box) => {
    const r = await stsClient(null, o, box).send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn: p.roleArn, RoleSessionName: p.sessionName, WebIdentityToken: p.token }),
      { abortSignal },
    );
    return toCreds(r.Credentials);
  });
}

/** The IAM Identity Center portal's GetRoleCredentials with a cached access token. */
export function ssoGetRoleCredentials(p: { accessToken: string; accountId: string; roleName: string }, o: WireOptions): Promise<WireResult<Credentials>> {
  return call(o, async (abortSignal, box) => {
    const { box: _b, ...cfg } = clientConfig(o, box);
    const c = new SSOClient(cfg);
    captureDate(c as never, box);
    const r = await c.send(new GetRoleCredentialsCommand({ accessToken: p.accessToken, accountId: p.accountId, roleName: p.roleName }), { abortSignal });
    const rc = r.roleCredentials;
    if (!rc?.accessKeyId || !rc.secretAccessKey) throw Object.assign(new Error('The portal answered without credentials'), { name: 'InvalidResponse' });
    const out: Credentials = { accessKeyId: rc.accessKeyId, secretAccessKey: rc.secretAccessKey };
    if (rc.sessionToken) out.sessionToken = rc.sessionToken;
    if (rc.expiration) out.expiration = new Date(rc.expiration).toISOString();
    return out;
  });
}

/** SSO-OIDC CreateToken with grant_type refresh_token: what the CLI does with an expiring sso-session sign-in. */
export function ssoOidcRefreshToken(
  p: { clientId: string; clientSecret: string; refreshToken: string },
  o: WireOptions,
): Promise<WireResult<{ accessToken: string; expiresIn: number; refreshToken?: string }>> {
  return call(o, async (abortSignal, box) => {
    const { box: _b, ...cfg } = clientConfig(o, box);
    const c = new SSOOIDCClient(cfg);
    captureDate(c as never, box);
    const r = await c.send(new CreateTokenCommand({ clientId: p.clientId, clientSecret: p.clientSecret, refreshToken: p.refreshToken, grantType: 'refresh_token' }), { abortSignal });
    if (!r.accessToken) throw Object.assign(new Error('IAM Identity Center answered without a token'), { name: 'InvalidResponse' });
    return { accessToken: r.accessToken, expiresIn: Number(r.expiresIn ?? 0), ...(r.refreshToken ? { refreshToken: r.refreshToken } : {}) };
  });
}

function toCreds(c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date } | undefined): Credentials {
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw Object.assign(new Error('STS answered without credentials'), { name: 'InvalidResponse' });
  const out: Credentials = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey };
  if (c.SessionToken) out.sessionToken = c.SessionToken;
  if (c.Expiration) out.expiration = c.Expiration.toISOString();
  return out;
}
