// The IAM Identity Center token cache, byte for byte as the AWS CLI v2 writes it, so that `aws`,
// botocore and every AWS SDK reuse a sign-in made in VS Code. Pure: the hashing and the file
// writing are in src/node/ssoSignIn.ts.
//
// What the CLI does (awscli/customizations/sso/utils.py, botocore/utils.py SSOTokenFetcher):
// - token file ~/.aws/sso/cache/<sha1(session name)>.json (legacy profiles: sha1(start URL));
// - registration file ~/.aws/sso/cache/<sha1(json.dumps({tool,startUrl,region,scopes,session_name}, sort_keys=True))>.json;
// - `json.dumps(obj)` with Python's defaults (", " and ": " separators, non-ASCII escaped) and
//   datetimes as '%Y-%m-%dT%H:%M:%SZ' (UTC, no fraction).

/** The token file's content, in the CLI's key order. */
export interface SsoTokenCache {
  startUrl: string;
  region: string;
  accessToken: string;
  /** UTC, 'YYYY-MM-DDTHH:MM:SSZ'. */
  expiresAt: string;
  clientId: string;
  clientSecret: string;
  registrationExpiresAt: string;
  refreshToken?: string;
}

/** The client registration the CLI caches next to the token (reused by `aws sso login`). */
export interface SsoRegistrationCache {
  clientId: string;
  clientSecret: string;
  expiresAt: string;
  scopes?: string[];
}

/** A time as the CLI writes it in the cache: UTC, whole seconds, 'Z'. */
export function cacheTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A string as Python's json.dumps writes it (ensure_ascii: everything outside ' '..'~' escaped). */
function pyString(s: string): string {
  return JSON.stringify(s).replace(/[^\x20-\x7e]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

type PyJson = string | number | boolean | null | PyJson[] | { [k: string]: PyJson | undefined };

/** Python's `json.dumps(value)` (default separators) for strings, numbers, lists and dicts; `sortKeys` like sort_keys=True. */
export function pyJsonDumps(v: PyJson, sortKeys = false): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return pyString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : JSON.stringify(v);
  if (Array.isArray(v)) return '[' + v.map((x) => pyJsonDumps(x, sortKeys)).join(', ') + ']';
  let keys = Object.keys(v).filter((k) => v[k] !== undefined);
  // Python sorts by code point; JS's default sort compares UTF-16 units, the same for BMP keys.
  if (sortKeys) keys = keys.sort();
  return '{' + keys.map((k) => `${pyString(k)}: ${pyJsonDumps(v[k]!, sortKeys)}`).join(', ') + '}';
}

/** The token file's text. */
export function tokenCacheText(t: SsoTokenCache): string {
  const o: { [k: string]: PyJson } = {
    startUrl: t.startUrl,
    region: t.region,
    accessToken: t.accessToken,
    expiresAt: t.expiresAt,
    clientId: t.clientId,
    clientSecret: t.clientSecret,
    registrationExpiresAt: t.registrationExpiresAt,
  };
  if (t.refreshToken !== undefined) o.refreshToken = t.refreshToken;
  return pyJsonDumps(o);
}

/** The registration file's text. */
export function registrationCacheText(r: SsoRegistrationCache): string {
  const o: { [k: string]: PyJson } = { clientId: r.clientId, clientSecret: r.clientSecret, expiresAt: r.expiresAt };
  if (r.scopes && r.scopes.length) o.scopes = r.scopes;
  return pyJsonDumps(o);
}

/** The text whose SHA-1 names the registration file (botocore's _registration_cache_key). */
export function registrationKeyInput(startUrl: string, region: string, scopes: string[], sessionName: string | null): string {
  // botocore passes scopes=None when the session sets none: json null.
  return pyJsonDumps({ tool: 'botocore', startUrl, region, scopes: scopes.length ? scopes : null, session_name: sessionName }, true);
}

/**
 * The client name the CLI registers with, so the service shows the same app for both. A legacy profile has no
 * session name: botocore then uses the time in whole seconds (`botocore-client-1700000000`).
 */
export function clientName(sessionName: string | null, nowMs: number): string {
  return `botocore-client-${sessionName ?? Math.floor(nowMs / 1000)}`;
}

/** What the token file is named after (its SHA-1): the sso-session's name, or a legacy profile's start URL (botocore _token_cache_key). */
export function tokenCacheKey(sessionName: string | null, startUrl: string): string {
  return sessionName ?? startUrl;
}

/**
 * Is a cached token or registration unusable? The CLI treats anything that expires within 15
 * minutes as expired (botocore SSOTokenFetcher._EXPIRY_WINDOW).
 */
export function isCacheExpired(expiresAt: string, now: number): boolean {
  const t = Date.parse(expiresAt);
  return Number.isNaN(t) || t - now < 15 * 60 * 1000;
}
