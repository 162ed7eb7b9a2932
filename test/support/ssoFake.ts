// A FAKE of IAM Identity Center's two JSON APIs — SSO-OIDC (RegisterClient, StartDeviceAuthorization,
// CreateToken) and the access portal (ListAccounts, ListAccountRoles, GetRoleCredentials) — on
// 127.0.0.1. It is a fake because no real peer exists here: moto has neither API and the real service
// needs a browser sign-in. It speaks the real wire format (restJson1 paths, query names, the
// x-amz-sso_bearer_token header, `x-amzn-ErrorType` + `{error, error_description}` bodies) and
// behaves like the service: authorization_pending until the code is approved, slow_down when polled
// faster than the interval, expired_token after expiresIn, access_denied when denied, paginated lists
// with next_token, 401 UnauthorizedException for an unknown bearer token.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** An account the fake portal lists, with its roles. */
export interface FakeAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
  roles: string[];
}

/** Keys GetRoleCredentials hands out (point them at moto's IAM for a real STS check). */
export interface FakeRoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Knobs of the fake. */
export interface SsoFakeOptions {
  accounts?: FakeAccount[];
  /** Page size of ListAccounts / ListAccountRoles when the client asks for more (the real service pages too). */
  pageSize?: number;
  /** StartDeviceAuthorization's interval (seconds) and expiresIn (seconds). */
  interval?: number;
  deviceExpiresIn?: number;
  /** Access token lifetime (seconds) returned by CreateToken. */
  tokenExpiresIn?: number;
  /** Credentials for GetRoleCredentials, per "accountId/roleName" or for all. */
  roleCredentials?: (accountId: string, roleName: string) => FakeRoleCredentials | null;
  /** Auto-approve a device code after this many token polls (undefined: wait for approve()). */
  approveAfterPolls?: number;
  /** Answer slow_down at these poll numbers (1-based) even when the pace was right (the service may). */
  slowDownOnPolls?: number[];
  /** The fake's clock (ms); tests share a virtual clock with the client so no test waits for real. */
  clock?: () => number;
}

/** One device authorization the fake knows about. */
interface Device {
  deviceCode: string;
  userCode: string;
  clientId: string;
  expiresAtMs: number;
  interval: number;
  lastPollMs: number;
  polls: number;
  state: 'pending' | 'approved' | 'denied' | 'used';
}

/** What the fake saw, for assertions. */
export interface SsoFakeLog {
  method: string;
  path: string;
  /** Error type returned, or 'ok'. */
  result: string;
  at: number;
}

/** A running fake. */
export interface SsoFake {
  url: string;
  log: SsoFakeLog[];
  /** The person confirms the code in the browser. */
  approve(userCode?: string): void;
  deny(userCode?: string): void;
  /** The user code of the latest device authorization. */
  lastUserCode(): string | null;
  /** Access tokens issued (valid bearer tokens for the portal). */
  issuedTokens(): string[];
  /** Forget every issued token (the portal then answers 401). */
  revokeTokens(): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomBytes(8).toString('hex'),
  };
  if (errorType) headers['x-amzn-errortype'] = errorType;
  res.writeHead(status, headers);
  res.end(text);
}

const oauthError = (res: ServerResponse, status: number, type: string, error: string, description: string) =>
  send(res, status, { error, error_description: description }, type);

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const defaultAccounts: FakeAccount[] = [
  { accountId: '123456789012', accountName: 'Production', emailAddress: 'prod@example.com', roles: ['AdministratorAccess', 'ReadOnlyAccess'] },
  { accountId: '210987654321', accountName: 'Development', emailAddress: 'dev@example.com', roles: ['PowerUserAccess'] },
];

/** Starts the fake on 127.0.0.1 (a free port). Close it in `after`/`t.after`. */
export async function startSsoFake(o: SsoFakeOptions = {}): Promise<SsoFake> {
  const accounts = o.accounts ?? defaultAccounts;
  const pageSize = o.pageSize ?? 2;
  const clients = new Map<string, { secret: string; expiresAt: number }>();
  const devices = new Map<string, Device>();
  const tokens = new Set<string>();
  const refreshTokens = new Map<string, string>(); // refresh → clientId
  const log: SsoFakeLog[] = [];
  let latest: Device | null = null;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const record = (result: string) => log.push({ method: req.method ?? '', path, result, at: (o.clock ?? Date.now)() });
    const now = (o.clock ?? Date.now)();

    if (req.method === 'POST' && path === '/client/register') {
      const b = await body(req);
      if (typeof b.clientName !== 'string' || b.clientType !== 'public') {
        record('InvalidRequestException');
        return oauthError(res, 400, 'InvalidRequestException', 'invalid_request', 'clientName and clientType=public are required');
      }
      const clientId = 'client-' + randomBytes(6).toString('hex');
      const secret = 'secret-' + randomBytes(24).toString('hex');
      const expiresAt = Math.floor(now / 1000) + 90 * 24 * 3600;
      clients.set(clientId, { secret, expiresAt });
      record('ok');
      return send(res, 200, { clientId, clientSecret: secret, clientIdIssuedAt: Math.floor(now / 1000), clientSecretExpiresAt: expiresAt });
    }

    if (req.method === 'POST' && path === '/device_authorization') {
      const b = await body(req);
      const c = typeof b.clientId === 'string' ? clients.get(b.clientId) : undefined;
      if (!c || c.secret !== b.clientSecret) {
        record('InvalidClientException');
        return oauthError(res, 401, 'InvalidClientException', 'invalid_client', 'Invalid client');
      }
      if (typeof b.startUrl !== 'string' || !b.startUrl.startsWith('https://')) {
        record('InvalidRequestException');
        return oauthError(res, 400, 'InvalidRequestException', 'invalid_request', 'Invalid start URL');
      }
      const letters = 'BCDFGHJKLMNPQRSTVWXZ';
      const pick = () => Array.from(randomBytes(4), (x) => letters[x % letters.length]).join('');
      const d: Device = {
        deviceCode: 'device-' + randomBytes(16).toString('hex'),
        userCode: `${pick()}-${pick()}`,
        clientId: b.clientId as string,
        expiresAtMs: now + (o.deviceExpiresIn ?? 600) * 1000,
        interval: o.interval ?? 1,
        lastPollMs: 0,
        polls: 0,
        state: 'pending',
      };
      devices.set(d.deviceCode, d);
      latest = d;
      record('ok');
      const verificationUri = 'https://device.sso.us-east-1.amazonaws.com/';
      return send(res, 200, {
        deviceCode: d.deviceCode,
        userCode: d.userCode,
        verificationUri,
        verificationUriComplete: `${verificationUri}?user_code=${d.userCode}`,
        expiresIn: o.deviceExpiresIn ?? 600,
        interval: d.interval,
      });
    }

    if (req.method === 'POST' && path === '/token') {
      const b = await body(req);
      const c = typeof b.clientId === 'string' ? clients.get(b.clientId) : undefined;
      if (!c || c.secret !== b.clientSecret) {
        record('InvalidClientException');
        return oauthError(res, 401, 'InvalidClientException', 'invalid_client', 'Invalid client');
      }
      const issue = () => {
        const accessToken = 'access-' + randomBytes(24).toString('hex');
        const refreshToken = 'refresh-' + randomBytes(24).toString('hex');
        tokens.add(accessToken);
        refreshTokens.set(refreshToken, b.clientId as string);
        record('ok');
        return send(res, 200, { accessToken, tokenType: 'Bearer', expiresIn: o.tokenExpiresIn ?? 28800, refreshToken });
      };
      if (b.grantType === 'refresh_token') {
        if (typeof b.refreshToken !== 'string' || refreshTokens.get(b.refreshToken) !== b.clientId) {
          record('InvalidGrantException');
          return oauthError(res, 400, 'InvalidGrantException', 'invalid_grant', 'Invalid refresh token');
        }
        return issue();
      }
      if (b.grantType !== 'urn:ietf:params:oauth:grant-type:device_code') {
        record('UnsupportedGrantTypeException');
        return oauthError(res, 400, 'UnsupportedGrantTypeException', 'unsupported_grant_type', 'Unsupported grant type');
      }
      const d = typeof b.deviceCode === 'string' ? devices.get(b.deviceCode) : undefined;
      if (!d || d.clientId !== b.clientId) {
        record('InvalidGrantException');
        return oauthError(res, 400, 'InvalidGrantException', 'invalid_grant', 'Invalid device code');
      }
      if (now > d.expiresAtMs) {
        record('ExpiredTokenException');
        return oauthError(res, 400, 'ExpiredTokenException', 'expired_token', 'Device code has expired');
      }
      // Polling faster than the interval earns slow_down (RFC 8628 §3.5); small slack for timers.
      const tooSoon = d.lastPollMs !== 0 && now - d.lastPollMs < d.interval * 1000 - 150;
      d.lastPollMs = now;
      d.polls++;
      if (o.approveAfterPolls !== undefined && d.polls > o.approveAfterPolls && d.state === 'pending') d.state = 'approved';
      if (tooSoon || (o.slowDownOnPolls ?? []).includes(d.polls)) {
        d.interval += 5;
        record('SlowDownException');
        return oauthError(res, 400, 'SlowDownException', 'slow_down', 'Client is polling too fast');
      }
      if (d.state === 'denied') {
        record('AccessDeniedException');
        return oauthError(res, 400, 'AccessDeniedException', 'access_denied', 'The user denied the request');
      }
      if (d.state === 'used') {
        record('InvalidGrantException');
        return oauthError(res, 400, 'InvalidGrantException', 'invalid_grant', 'Device code already used');
      }
      if (d.state === 'pending') {
        record('AuthorizationPendingException');
        return oauthError(res, 400, 'AuthorizationPendingException', 'authorization_pending', 'Authorization is still pending');
      }
      d.state = 'used';
      return issue();
    }

    if (req.method === 'GET' && (path.startsWith('/assignment/') || path === '/federation/credentials')) {
      const bearer = req.headers['x-amz-sso_bearer_token'];
      if (typeof bearer !== 'string' || !tokens.has(bearer)) {
        record('UnauthorizedException');
        return send(res, 401, { message: 'Session token not found or invalid' }, 'UnauthorizedException');
      }
      const max = Math.min(Number(url.searchParams.get('max_result') ?? pageSize) || pageSize, pageSize);
      const start = Number(url.searchParams.get('next_token') ?? '0') || 0;
      const page = <T>(items: T[]) => {
        const slice = items.slice(start, start + max);
        const next = start + max < items.length ? String(start + max) : undefined;
        return { slice, next };
      };
      if (path === '/assignment/accounts') {
        const { slice, next } = page(accounts);
        record('ok');
        return send(res, 200, {
          accountList: slice.map((a) => ({ accountId: a.accountId, accountName: a.accountName, emailAddress: a.emailAddress })),
          ...(next ? { nextToken: next } : {}),
        });
      }
      if (path === '/assignment/roles') {
        const acct = accounts.find((a) => a.accountId === url.searchParams.get('account_id'));
        if (!acct) {
          record('ResourceNotFoundException');
          return send(res, 404, { message: 'Account not found' }, 'ResourceNotFoundException');
        }
        const { slice, next } = page(acct.roles);
        record('ok');
        return send(res, 200, { roleList: slice.map((roleName) => ({ roleName, accountId: acct.accountId })), ...(next ? { nextToken: next } : {}) });
      }
      if (path === '/federation/credentials') {
        const accountId = url.searchParams.get('account_id') ?? '';
        const roleName = url.searchParams.get('role_name') ?? '';
        const acct = accounts.find((a) => a.accountId === accountId);
        const creds = acct && acct.roles.includes(roleName) ? (o.roleCredentials?.(accountId, roleName) ?? null) : null;
        if (!creds) {
          record('ForbiddenException');
          return send(res, 403, { message: 'No access' }, 'ForbiddenException');
        }
        record('ok');
        return send(res, 200, {
          roleCredentials: {
            accessKeyId: creds.accessKeyId,
            secretAccessKey: creds.secretAccessKey,
            ...(creds.sessionToken ? { sessionToken: creds.sessionToken } : {}),
            expiration: now + 3600 * 1000,
          },
        });
      }
    }
    record('UnknownOperationException');
    return send(res, 404, { message: `No route ${req.method} ${path}` }, 'UnknownOperationException');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e) => send(res, 500, { message: String(e) }, 'InternalServerException'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;

  const find = (userCode?: string) => (userCode ? [...devices.values()].find((d) => d.userCode === userCode) : latest) ?? null;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    approve(userCode) {
      const d = find(userCode);
      if (!d) throw new Error('no device authorization to approve');
      d.state = 'approved';
    },
    deny(userCode) {
      const d = find(userCode);
      if (!d) throw new Error('no device authorization to deny');
      d.state = 'denied';
    },
    lastUserCode: () => latest?.userCode ?? null,
    issuedTokens: () => [...tokens],
    revokeTokens: () => tokens.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/**
 * Points the AWS CLI v2's client for SERVICE ('sso' or 'sso-oidc') at URL for HOME only: 2.9.19 ignores
 * AWS_ENDPOINT_URL_*, but botocore's loader reads ~/.aws/models before its own data, so an endpoint
 * rule set there sends every call of that client to the fake.
 */
export function pointAwsCliAt(home: string, service: 'sso' | 'sso-oidc', url: string): void {
  const own = `/usr/lib/python3/dist-packages/awscli/botocore/data/${service}/2019-06-10/endpoint-rule-set-1.json`;
  const ruleset = JSON.parse(readFileSync(own, 'utf8')) as { version: string; parameters: unknown };
  const models = join(home, '.aws', 'models', service, '2019-06-10');
  mkdirSync(models, { recursive: true });
  writeFileSync(
    join(models, 'endpoint-rule-set-1.json'),
    JSON.stringify({ version: ruleset.version, parameters: ruleset.parameters, rules: [{ conditions: [], endpoint: { url, properties: {}, headers: {} }, type: 'endpoint' }] }),
  );
}
