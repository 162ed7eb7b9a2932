// IAM Identity Center clients (SSO-OIDC device sign-in, the portal's account and role lists), behind
// the plain `SsoWire` interface so ssoSignIn.ts never imports the SDK. Part of the dist/sdk.js chunk.
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { ListAccountRolesCommand, ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
import type { SsoWire, SsoWireError } from './ssoSignIn';

/** Where to reach the services: the real regional endpoints unless an endpoint is given (tests). */
export interface SsoWireOptions {
  region: string;
  /** SSO-OIDC endpoint, e.g. a test fake; otherwise AWS_ENDPOINT_URL_SSO_OIDC or the real one. */
  oidcEndpoint?: string;
  /** Portal (SSO) endpoint; otherwise AWS_ENDPOINT_URL_SSO or the real one. */
  portalEndpoint?: string;
}

// The SDK names OIDC errors after the exception; our flow wants the OAuth error codes.
const OAUTH_CODES: Record<string, SsoWireError['code']> = {
  AuthorizationPendingException: 'authorization_pending',
  SlowDownException: 'slow_down',
  ExpiredTokenException: 'expired_token',
  AccessDeniedException: 'access_denied',
  InvalidClientException: 'invalid_client',
  InvalidGrantException: 'invalid_grant',
  UnauthorizedException: 'unauthorized',
  InvalidRequestException: 'invalid_request',
};

function wireError(e: unknown): SsoWireError {
  const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; code?: string };
  const name = err?.name ?? 'Error';
  const code = OAUTH_CODES[name] ?? (err?.code === 'ECONNREFUSED' || err?.code === 'ENOTFOUND' || err?.code === 'ETIMEDOUT' ? 'unreachable' : 'other');
  const status = err?.$metadata?.httpStatusCode;
  const out: SsoWireError = { wire: true, code, name, message: String(err?.message ?? name) };
  if (status !== undefined) out.status = status;
  return out;
}

async function call<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw wireError(e);
  }
}

/** The SsoWire backed by the AWS SDK (unsigned OIDC calls; bearer-token portal calls). */
export function createSsoWire(o: SsoWireOptions): SsoWire {
  // maxAttempts 1: the device flow has its own pacing (interval, slow_down); SDK retries would
  // double the polling rate the service asked for.
  const oidc = new SSOOIDCClient({ region: o.region, maxAttempts: 1, ...(o.oidcEndpoint ? { endpoint: o.oidcEndpoint } : {}) });
  const portal = new SSOClient({ region: o.region, maxAttempts: 3, ...(o.portalEndpoint ? { endpoint: o.portalEndpoint } : {}) });
  return {
    async registerClient(clientName, scopes) {
      const r = await call(() => oidc.send(new RegisterClientCommand({ clientName, clientType: 'public', ...(scopes.length ? { scopes } : {}) })));
      return { clientId: r.clientId!, clientSecret: r.clientSecret!, clientSecretExpiresAt: Number(r.clientSecretExpiresAt ?? 0) };
    },
    async startDeviceAuthorization(clientId, clientSecret, startUrl) {
      const r = await call(() => oidc.send(new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl })));
      return {
        deviceCode: r.deviceCode!,
        userCode: r.userCode!,
        verificationUri: r.verificationUri!,
        verificationUriComplete: r.verificationUriComplete ?? r.verificationUri!,
        expiresIn: Number(r.expiresIn ?? 600),
        ...(r.interval !== undefined ? { interval: Number(r.interval) } : {}),
      };
    },
    async createToken(clientId, clientSecret, deviceCode) {
      const r = await call(() =>
        oidc.send(new CreateTokenCommand({ clientId, clientSecret, deviceCode, grantType: 'urn:ietf:params:oauth:grant-type:device_code' })),
      );
      return { accessToken: r.accessToken!, expiresIn: Number(r.expiresIn ?? 0), ...(r.refreshToken ? { refreshToken: r.refreshToken } : {}) };
    },
    async listAccounts(accessToken, nextToken) {
      const r = await call(() => portal.send(new ListAccountsCommand({ accessToken, maxResults: 100, ...(nextToken ? { nextToken } : {}) })));
      return {
        accounts: (r.accountList ?? []).map((a) => ({ accountId: a.accountId ?? '', accountName: a.accountName ?? '', email: a.emailAddress ?? '' })),
        ...(r.nextToken ? { nextToken: r.nextToken } : {}),
      };
    },
    async listAccountRoles(accessToken, accountId, nextToken) {
      const r = await call(() =>
        portal.send(new ListAccountRolesCommand({ accessToken, accountId, maxResults: 100, ...(nextToken ? { nextToken } : {}) })),
      );
      return { roles: (r.roleList ?? []).map((x) => x.roleName ?? '').filter((n) => n !== ''), ...(r.nextToken ? { nextToken: r.nextToken } : {}) };
    },
    destroy() {
      oidc.destroy();
      portal.destroy();
    },
  };
}
