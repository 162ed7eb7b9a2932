// Turns what went wrong on the wire (an AWS error code, a socket error, a timeout) into one named problem with
// plain words and the next step. Pure: the node side extracts the facts from the SDK error first.
import type { Problem } from './model';
import { problem, type ProblemCode } from './problems';

/** The facts of one failed call, extracted from an SDK or socket error. */
export interface ErrorFacts {
  /** AWS error code from the response (SignatureDoesNotMatch, …) or the SDK error's name. */
  code?: string;
  message?: string;
  httpStatus?: number;
  /** The response's Date header, for clock skew. */
  dateHeader?: string;
  /** A Node network or TLS error code: ECONNREFUSED, ECONNRESET, ENOTFOUND, SELF_SIGNED_CERT_IN_CHAIN, … */
  errno?: string;
  /** Our per-call timeout elapsed. */
  timedOut?: boolean;
  /** The caller cancelled the check. */
  cancelled?: boolean;
}

/** What we were doing when it failed. */
export interface ErrorContext {
  profile: string;
  operation: 'GetCallerIdentity' | 'AssumeRole' | 'AssumeRoleWithWebIdentity' | 'GetRoleCredentials';
  /** The endpoint called (no secrets in URLs). */
  endpoint: string;
  timeoutMs: number;
  /** Epoch ms when the answer arrived (for the clock offset). */
  now: number;
  /** The role being assumed, for AssumeRole. */
  roleArn?: string;
  /** Are the calling keys temporary (ASIA + session token)? */
  temporary?: boolean;
  /** The profile whose keys signed the call when it differs (source_profile of a role). */
  signingProfile?: string;
}

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED', 'EADDRNOTAVAIL']);
const TLS = /^(CERT_|UNABLE_TO_|SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED_CERT|ERR_TLS_|ERR_SSL_|EPROTO$|HOSTNAME_MISMATCH|ERR_TLS_CERT_ALTNAME_INVALID)/;

/** "1 h 3 min", "42 s": a duration in words. */
export function durationWords(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 90) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 90) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/** The offset of AWS's clock from ours in ms (positive: AWS is ahead), from a Date header; null when unknown. */
export function clockOffsetMs(dateHeader: string | undefined, now: number): number | null {
  if (!dateHeader) return null;
  const t = Date.parse(dateHeader);
  return Number.isNaN(t) ? null : t - now;
}

/** Maps a failed call to its named problem. */
export function classifyAwsError(f: ErrorFacts, ctx: ErrorContext): Problem {
  const p = (code: ProblemCode, message: string) => problem(code, message, { profile: ctx.profile });
  const who = `profile \`${ctx.profile}\``;
  const signer = ctx.signingProfile && ctx.signingProfile !== ctx.profile ? `profile \`${ctx.signingProfile}\` (used by \`${ctx.profile}\`)` : who;
  const code = f.code ?? '';
  const msg = (f.message ?? '').split('\n')[0]!.slice(0, 300);
  const host = hostOf(ctx.endpoint);

  if (f.cancelled) return p('check-skipped', `The check of ${who} was cancelled before AWS answered.`);
  if (f.timedOut || code === 'TimeoutError' || code === 'RequestTimeout' || f.errno === 'ETIMEDOUT' || f.errno === 'ESOCKETTIMEDOUT') {
    return p('timeout', `AWS (${host}) did not answer ${ctx.operation} for ${who} within ${durationWords(ctx.timeoutMs)}. Check the network, VPN or proxy, then try again.`);
  }
  if (f.errno && TLS.test(f.errno)) {
    return p(
      'tls-error',
      `The secure connection to ${host} failed for ${who} (${f.errno}). A corporate proxy or self-signed certificate is likely in the way: set AWS_CA_BUNDLE (or ca_bundle in the profile) to your organisation's certificate bundle.`,
    );
  }
  if (f.errno && NETWORK.has(f.errno)) {
    const why =
      f.errno === 'ENOTFOUND' || f.errno === 'EAI_AGAIN'
        ? 'its name does not resolve'
        : f.errno === 'ECONNREFUSED'
          ? 'the connection was refused'
          : f.errno === 'ECONNRESET' || f.errno === 'EPIPE'
            ? 'the connection was reset'
            : `the network said ${f.errno}`;
    return p('unreachable', `${host} cannot be reached for ${who}: ${why}. Check the internet connection, proxy (HTTPS_PROXY) and endpoint_url settings.`);
  }
  if (code === 'SignatureDoesNotMatch' && /signature (expired|not yet current)/i.test(msg)) return skew(f, ctx, p, who);
  if (code === 'RequestExpired' || code === 'RequestTimeTooSkewed' || code === 'InvalidSignatureException' && /expired|skew/i.test(msg)) return skew(f, ctx, p, who);
  if (code === 'SignatureDoesNotMatch' || code === 'IncompleteSignature') {
    return p(
      'signature-mismatch',
      `The secret access key for ${signer} does not match its key ID (AWS said ${code}). Paste the secret again or create a new key.`,
    );
  }
  if (code === 'ExpiredToken' || code === 'ExpiredTokenException' || code === 'TokenRefreshRequired') {
    return p('expired-token', `The temporary credentials of ${signer} have expired (AWS said ${code}). Get new ones: sign in again or refresh the session.`);
  }
  if (code === 'InvalidClientTokenId' || code === 'UnrecognizedClientException' || code === 'InvalidAccessKeyId') {
    return p(
      'invalid-access-key-id',
      ctx.temporary
        ? `AWS does not accept the temporary credentials of ${signer} (AWS said ${code}): the session token does not belong to the key, or the session was revoked. Get new temporary credentials.`
        : `AWS does not know the access key of ${signer} (AWS said ${code}): it was deleted, made inactive, or belongs to another partition (e.g. China or GovCloud). Create a new access key, or use IAM Identity Center instead.`,
    );
  }
  if (code === 'Throttling' || code === 'ThrottlingException' || code === 'TooManyRequestsException' || code === 'RequestLimitExceeded' || f.httpStatus === 429) {
    return p('throttled', `AWS asked to slow down while checking ${who} (${code || 'HTTP 429'}). Wait a minute and check again.`);
  }
  if (ctx.operation === 'GetRoleCredentials') {
    if (code === 'UnauthorizedException') {
      return p('sso-token-expired', `IAM Identity Center no longer accepts the sign-in used by ${who} (${msg || code}). Sign in again: aws sso login --profile ${ctx.profile}.`);
    }
    if (code === 'ForbiddenException' || code === 'ResourceNotFoundException') {
      return p('sso-failed', `IAM Identity Center refused the role for ${who} (${msg || code}): check sso_account_id and sso_role_name, and that your user is assigned to that account and permission set.`);
    }
  }
  if (ctx.operation === 'AssumeRole' && (code === 'AccessDenied' || code === 'AccessDeniedException' || code === 'ValidationError' || code === 'MalformedPolicyDocument')) {
    return p(
      'assume-role-failed',
      `Role ${ctx.roleArn ?? ''} could not be assumed for ${who} (AWS said ${code}: ${msg}). The role's trust policy must allow the source identity, and the source identity needs sts:AssumeRole on the role.`.replace(/ {2,}/g, ' '),
    );
  }
  if (ctx.operation === 'AssumeRoleWithWebIdentity') {
    return p('web-identity-failed', `The web identity token of ${who} was not accepted (AWS said ${code || f.httpStatus}: ${msg}). Check web_identity_token_file and the role's trust policy.`);
  }
  if (code === 'AccessDenied' || code === 'AccessDeniedException') {
    return p('access-denied', `AWS denied ${ctx.operation} for ${who} (${msg || code}).`);
  }
  if (/deserializ|xml|unexpected end|parse/i.test(code + ' ' + msg) && (f.httpStatus ?? 200) < 300) {
    return p('service-error', `${host} answered ${ctx.operation} for ${who} with something that is not a valid AWS response. Check endpoint_url / AWS_ENDPOINT_URL and any proxy in between.`);
  }
  if ((f.httpStatus ?? 0) >= 500 || code === 'InternalFailure' || code === 'ServiceUnavailable' || code === 'InternalError') {
    return p('service-error', `${host} had an internal error answering ${ctx.operation} for ${who} (${code || 'HTTP ' + f.httpStatus}). Try again in a few minutes; if it persists check the AWS Health Dashboard.`);
  }
  const detail = [code, f.httpStatus ? `HTTP ${f.httpStatus}` : '', msg].filter(Boolean).join(', ');
  return p(ctx.operation === 'AssumeRole' ? 'assume-role-failed' : 'service-error', `${ctx.operation} failed for ${who} (${detail || 'no detail'}).`);
}

function skew(f: ErrorFacts, ctx: ErrorContext, p: (c: ProblemCode, m: string) => Problem, who: string): Problem {
  const off = clockOffsetMs(f.dateHeader, ctx.now);
  const words =
    off === null
      ? "This computer's clock is too far from AWS's"
      : `This computer's clock is ${durationWords(off)} ${off > 0 ? 'behind' : 'ahead of'} AWS's`;
  return p('clock-skew', `${words}, so AWS rejects the signed request for ${who}. Turn on automatic time synchronisation (NTP) and check again.`);
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}
