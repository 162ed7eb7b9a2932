// Validation of what a person types into the setup guide, and the preview of what saving would change.
// Pure: the guide's webview shows these messages as the person types, and the host checks again before
// it writes anything (a webview is never trusted).

/** An AWS Region a person can pick, with the name the AWS console shows. */
export interface RegionChoice {
  code: string;
  name: string;
}

/**
 * The Regions offered in pickers: the commercial, China, GovCloud and European Sovereign Cloud
 * partitions as the AWS SDK's endpoint table lists them (test/conformance/regions.test.ts checks
 * every code against the SDK's own table, so a typo cannot slip in).
 */
export const REGIONS: readonly RegionChoice[] = [
  { code: 'us-east-1', name: 'US East (N. Virginia)' },
  { code: 'us-east-2', name: 'US East (Ohio)' },
  { code: 'us-west-1', name: 'US West (N. California)' },
  { code: 'us-west-2', name: 'US West (Oregon)' },
  { code: 'af-south-1', name: 'Africa (Cape Town)' },
  { code: 'ap-east-1', name: 'Asia Pacific (Hong Kong)' },
  { code: 'ap-east-2', name: 'Asia Pacific (Taipei)' },
  { code: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)' },
  { code: 'ap-northeast-2', name: 'Asia Pacific (Seoul)' },
  { code: 'ap-northeast-3', name: 'Asia Pacific (Osaka)' },
  { code: 'ap-south-1', name: 'Asia Pacific (Mumbai)' },
  { code: 'ap-south-2', name: 'Asia Pacific (Hyderabad)' },
  { code: 'ap-southeast-1', name: 'Asia Pacific (Singapore)' },
  { code: 'ap-southeast-2', name: 'Asia Pacific (Sydney)' },
  { code: 'ap-southeast-3', name: 'Asia Pacific (Jakarta)' },
  { code: 'ap-southeast-4', name: 'Asia Pacific (Melbourne)' },
  { code: 'ap-southeast-5', name: 'Asia Pacific (Malaysia)' },
  { code: 'ap-southeast-6', name: 'Asia Pacific (New Zealand)' },
  { code: 'ap-southeast-7', name: 'Asia Pacific (Thailand)' },
  { code: 'ca-central-1', name: 'Canada (Central)' },
  { code: 'ca-west-1', name: 'Canada West (Calgary)' },
  { code: 'eu-central-1', name: 'Europe (Frankfurt)' },
  { code: 'eu-central-2', name: 'Europe (Zurich)' },
  { code: 'eu-north-1', name: 'Europe (Stockholm)' },
  { code: 'eu-south-1', name: 'Europe (Milan)' },
  { code: 'eu-south-2', name: 'Europe (Spain)' },
  { code: 'eu-west-1', name: 'Europe (Ireland)' },
  { code: 'eu-west-2', name: 'Europe (London)' },
  { code: 'eu-west-3', name: 'Europe (Paris)' },
  { code: 'il-central-1', name: 'Israel (Tel Aviv)' },
  { code: 'me-central-1', name: 'Middle East (UAE)' },
  { code: 'me-south-1', name: 'Middle East (Bahrain)' },
  { code: 'me-west-1', name: 'Middle East (Saudi Arabia)' },
  { code: 'mx-central-1', name: 'Mexico (Central)' },
  { code: 'sa-east-1', name: 'South America (Sao Paulo)' },
  { code: 'sa-west-1', name: 'South America (Chile)' },
  { code: 'cn-north-1', name: 'China (Beijing)' },
  { code: 'cn-northwest-1', name: 'China (Ningxia)' },
  { code: 'us-gov-east-1', name: 'AWS GovCloud (US-East)' },
  { code: 'us-gov-west-1', name: 'AWS GovCloud (US-West)' },
  { code: 'eusc-de-east-1', name: 'AWS European Sovereign Cloud (Germany)' },
];

/** Output formats the AWS CLI v2 accepts for `output`. */
export const OUTPUT_FORMATS = ['json', 'yaml', 'yaml-stream', 'text', 'table'] as const;

/** The registration scope `aws configure sso` uses by default. */
export const DEFAULT_SSO_SCOPES = 'sso:account:access';

/** A message for a field, or null when the value is fine. */
export type FieldMessage = string | null;

const has = (s: string): boolean => s.trim().length > 0;

/** Is this a Region the pickers offer? */
export function isKnownRegion(code: string): boolean {
  return REGIONS.some((r) => r.code === code);
}

/** A region field (required unless `optional`). */
export function checkRegion(value: string, optional = false): FieldMessage {
  if (!has(value)) return optional ? null : 'Choose a Region.';
  if (!isKnownRegion(value)) return `"${value}" is not an AWS Region. Choose one from the list, for example us-east-1.`;
  return null;
}

/** An output format (empty means the CLI's default, json). */
export function checkOutput(value: string): FieldMessage {
  if (value === '') return null;
  return (OUTPUT_FORMATS as readonly string[]).includes(value)
    ? null
    : `"${value}" is not an output format the AWS CLI knows. Use one of: ${OUTPUT_FORMATS.join(', ')}.`;
}

// The characters every AWS tool accepts in a section name: the cross-SDK profile rules take
// [A-Za-z0-9_-@+.%:/]; anything else (spaces, quotes, brackets) makes some tool ignore the section.
const NAME_CHARS = /^[A-Za-z0-9_\-@+.%:/]+$/;

/** A profile name: present, one word of characters every AWS tool accepts. */
export function checkProfileName(value: string): FieldMessage {
  if (!has(value)) return 'Give the profile a name, for example dev or default.';
  if (value.length > 64) return 'Keep the profile name to 64 characters or fewer.';
  if (!NAME_CHARS.test(value))
    return `"${value}" has characters AWS tools ignore in a profile name. Use letters, digits and - _ . @ + only.`;
  if (value === '__proto__') return 'Choose another profile name.';
  return null;
}

/** An sso-session name: like a profile name (it names a [sso-session NAME] section and the token cache file). */
export function checkSessionName(value: string): FieldMessage {
  if (!has(value)) return 'Give the sign-in session a name, for example my-company.';
  if (value.length > 64) return 'Keep the session name to 64 characters or fewer.';
  if (!NAME_CHARS.test(value))
    return `"${value}" has characters AWS tools ignore in a session name. Use letters, digits and - _ . @ + only.`;
  if (value === '__proto__') return 'Choose another session name.';
  return null;
}

/**
 * The AWS access portal URL of an IAM Identity Center instance. Real ones look like
 * https://d-1234567890.awsapps.com/start, https://my-company.awsapps.com/start (custom subdomain),
 * https://start.us-gov-home.awsapps.com/directory/d-1234567890 (GovCloud), https://x.awsapps.cn/start
 * (China) or https://ssoins-1234567890abcdef.portal.us-east-1.app.aws (newer instances).
 */
export function checkStartUrl(value: string): FieldMessage {
  const v = value.trim();
  if (v === '') return 'Paste your AWS access portal URL, for example https://d-1234567890.awsapps.com/start.';
  if (/\s/.test(v)) return 'The start URL cannot contain spaces.';
  // Parsed by hand: core uses no platform globals (URL differs between the webview and node typings).
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/.exec(v);
  if (!m) return 'This is not a web address. Paste the AWS access portal URL, for example https://d-1234567890.awsapps.com/start.';
  if (m[1]!.toLowerCase() !== 'https') return 'The start URL must begin with https://.';
  const authority = m[2]!;
  if (authority.includes('@')) return 'The start URL cannot contain a user name or password.';
  const host = authority.replace(/:\d+$/, '').toLowerCase();
  const pathname = m[3] === '' ? '/' : m[3]!;
  if (!/^[a-z0-9.-]+$/.test(host)) return 'This is not a web address. Paste the AWS access portal URL, for example https://d-1234567890.awsapps.com/start.';
  if (/\.awsapps\.(com|cn)$/.test(host)) {
    if (host.startsWith('start.') && /^\/directory\/[\w-]+\/?$/.test(pathname)) return null; // GovCloud
    if (/^\/start\/?$/.test(pathname)) return null;
    return 'An AWS access portal URL ends in /start, for example https://d-1234567890.awsapps.com/start.';
  }
  if (/^[\w-]+\.portal\.[a-z0-9-]+\.app\.aws$/.test(host)) return null;
  return (
    `${host} is not an AWS access portal. The URL is shown in the IAM Identity Center console under ` +
    'Settings → "AWS access portal URL", for example https://d-1234567890.awsapps.com/start.'
  );
}

/** Registration scopes, comma-separated (`sso_registration_scopes`). */
export function checkScopes(value: string): FieldMessage {
  const parts = splitScopes(value);
  if (parts.length === 0) return `Give at least one scope; ${DEFAULT_SSO_SCOPES} is what the AWS CLI uses.`;
  const bad = parts.find((p) => !/^[\w:.\-/]+$/.test(p));
  if (bad !== undefined) return `"${bad}" is not a valid scope. Scopes look like ${DEFAULT_SSO_SCOPES}, separated by commas.`;
  return null;
}

/** Scopes as a list, the way the AWS CLI splits `sso_registration_scopes`. */
export function splitScopes(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** An access key ID: AKIA (long-term) or ASIA (temporary) and 16 more upper-case letters or digits. */
export function checkAccessKeyId(value: string): FieldMessage {
  const v = value.trim();
  if (v === '') return 'Paste the access key ID, for example AKIAIOSFODNN7EXAMPLE.';
  if (/\s/.test(value.replace(/^\s+|\s+$/g, ''))) return 'The access key ID cannot contain spaces.';
  if (!/^(AKIA|ASIA)/.test(v)) {
    if (/^[A-Za-z0-9/+]{40}$/.test(v)) return 'This looks like a secret access key. Paste it in the secret field and the key ID (AKIA…) here.';
    return 'An access key ID starts with AKIA (an IAM user key) or ASIA (temporary credentials).';
  }
  if (v.length !== 20) return `An access key ID is 20 characters long; this one has ${v.length}.`;
  if (!/^(AKIA|ASIA)[A-Z0-9]{16}$/.test(v)) return 'An access key ID has only upper-case letters and digits.';
  return null;
}

/** Is this key ID a temporary one (needs a session token)? */
export function isTemporaryKeyId(value: string): boolean {
  return value.trim().startsWith('ASIA');
}

/** A secret access key: 40 characters of letters, digits, / and +. The message never repeats the value. */
export function checkSecretAccessKey(value: string): FieldMessage {
  const v = value.trim();
  if (v === '') return 'Paste the secret access key. AWS shows it only once, when the key is created.';
  if (/\s/.test(v)) return 'The secret access key cannot contain spaces.';
  if (/^(AKIA|ASIA)[A-Z0-9]{16}$/.test(v)) return 'This is an access key ID, not the secret. Paste the secret access key here.';
  if (v.length !== 40) return `A secret access key is 40 characters long; this one has ${v.length}. Check that it was copied whole.`;
  if (!/^[A-Za-z0-9/+]+$/.test(v)) return 'A secret access key has only letters, digits, / and +.';
  return null;
}

/** A session token: required with an ASIA key, not allowed to be stray text with an AKIA key. */
export function checkSessionToken(value: string, accessKeyId: string): FieldMessage {
  const v = value.trim();
  const temporary = isTemporaryKeyId(accessKeyId);
  if (temporary && v === '') return 'A key ID starting with ASIA is temporary and needs its session token. Paste it here.';
  if (!temporary && v !== '') return 'Only temporary keys (ASIA…) have a session token. Leave this empty for an AKIA key.';
  if (v !== '' && /\s/.test(v)) return 'The session token cannot contain spaces.';
  if (v !== '' && !/^[A-Za-z0-9/+=_-]+$/.test(v)) return 'The session token has characters a session token never has. Check that it was copied whole.';
  return null;
}

/** The Identity Center form. */
export interface SsoForm {
  sessionName: string;
  startUrl: string;
  region: string;
  scopes: string;
}

/** The access-key form. The secret and token are present only on the host side, never in saved drafts. */
export interface KeysForm {
  profile: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  region: string;
  output: string;
}

/** The profile to write after an Identity Center sign-in. */
export interface SsoProfileForm {
  profile: string;
  region: string;
  output: string;
}

/** Messages per field; an empty object means the form is valid. */
export type FormErrors<F> = Partial<Record<keyof F, string>>;

function collect<F>(checks: [keyof F, FieldMessage][]): FormErrors<F> {
  const out: FormErrors<F> = {};
  for (const [k, m] of checks) if (m !== null) out[k] = m;
  return out;
}

/** Checks every field of the Identity Center form. */
export function checkSsoForm(f: SsoForm): FormErrors<SsoForm> {
  return collect<SsoForm>([
    ['sessionName', checkSessionName(f.sessionName)],
    ['startUrl', checkStartUrl(f.startUrl)],
    ['region', checkRegion(f.region)],
    ['scopes', checkScopes(f.scopes)],
  ]);
}

/** Checks every field of the access-key form. */
export function checkKeysForm(f: KeysForm): FormErrors<KeysForm> {
  return collect<KeysForm>([
    ['profile', checkProfileName(f.profile)],
    ['accessKeyId', checkAccessKeyId(f.accessKeyId)],
    ['secretAccessKey', checkSecretAccessKey(f.secretAccessKey)],
    ['sessionToken', checkSessionToken(f.sessionToken, f.accessKeyId)],
    ['region', checkRegion(f.region)],
    ['output', checkOutput(f.output)],
  ]);
}

/** Checks the profile written after an Identity Center sign-in. */
export function checkSsoProfileForm(f: SsoProfileForm): FormErrors<SsoProfileForm> {
  return collect<SsoProfileForm>([
    ['profile', checkProfileName(f.profile)],
    ['region', checkRegion(f.region)],
    ['output', checkOutput(f.output)],
  ]);
}

/** Has a form no messages? */
export function isValid<F>(e: FormErrors<F>): boolean {
  return Object.keys(e).length === 0;
}

/** Settings whose values are secrets: shown as "hidden", never as text. */
export const SECRET_KEYS: ReadonlySet<string> = new Set(['aws_secret_access_key', 'aws_session_token']);

/** One line of an overwrite preview. Values are display text, with secrets replaced. */
export interface SettingChange {
  key: string;
  change: 'add' | 'replace' | 'remove' | 'keep';
  before?: string;
  after?: string;
}

/** How a value is shown in a preview: secrets never, key IDs by their last four characters. */
export function displayValue(key: string, value: string): string {
  if (SECRET_KEYS.has(key)) return '(hidden)';
  if (key === 'aws_access_key_id' && value.length > 8) return `${value.slice(0, 4)}…${value.slice(-4)}`;
  return value;
}

/**
 * What saving `changes` over a profile's current settings would do, key by key (changes first, in
 * their order, then the settings left alone). A null change removes the key.
 */
export function previewChanges(
  existing: Readonly<Record<string, string>> | null,
  changes: Readonly<Record<string, string | null>>,
): SettingChange[] {
  const out: SettingChange[] = [];
  const cur = existing ?? {};
  for (const [key, next] of Object.entries(changes)) {
    const had = Object.prototype.hasOwnProperty.call(cur, key);
    const before = had ? cur[key]! : undefined;
    if (next === null) {
      if (had) out.push({ key, change: 'remove', before: displayValue(key, before!) });
      continue;
    }
    if (!had) out.push({ key, change: 'add', after: displayValue(key, next) });
    else if (before === next) out.push({ key, change: 'keep', before: displayValue(key, next), after: displayValue(key, next) });
    else out.push({ key, change: 'replace', before: displayValue(key, before!), after: displayValue(key, next) });
  }
  for (const [key, v] of Object.entries(cur)) {
    if (!Object.prototype.hasOwnProperty.call(changes, key)) out.push({ key, change: 'keep', before: displayValue(key, v), after: displayValue(key, v) });
  }
  return out;
}

/** True when a preview would replace or remove something the person already had. */
export function overwrites(preview: readonly SettingChange[]): boolean {
  return preview.some((c) => c.change === 'replace' || c.change === 'remove');
}

/** The settings the access-key path writes, in the order a person reads them. */
export function keysChanges(f: KeysForm): Record<string, string | null> {
  const temporary = isTemporaryKeyId(f.accessKeyId);
  const c: Record<string, string | null> = {
    aws_access_key_id: f.accessKeyId.trim(),
    aws_secret_access_key: f.secretAccessKey.trim(),
    // A stale token next to a new AKIA key would make every call fail: remove it.
    aws_session_token: temporary ? f.sessionToken.trim() : null,
    region: f.region,
  };
  if (f.output !== '') c.output = f.output;
  return c;
}

/** The settings of an `[sso-session NAME]` section, as `aws configure sso-session` writes them. */
export function ssoSessionChanges(f: SsoForm): Record<string, string> {
  return {
    sso_start_url: f.startUrl.trim(),
    sso_region: f.region,
    sso_registration_scopes: splitScopes(f.scopes).join(','),
  };
}

/** The settings of a profile that uses an sso-session, as `aws configure sso` writes them. */
export function ssoProfileChanges(
  session: string,
  accountId: string,
  roleName: string,
  f: SsoProfileForm,
): Record<string, string | null> {
  const c: Record<string, string | null> = {
    sso_session: session,
    sso_account_id: accountId,
    sso_role_name: roleName,
    region: f.region,
  };
  if (f.output !== '') c.output = f.output;
  // Keys left from an earlier set-up would win over the sign-in in some tools: remove them.
  c.aws_access_key_id = null;
  c.aws_secret_access_key = null;
  c.aws_session_token = null;
  c.sso_start_url = null;
  c.sso_region = null;
  return c;
}

/** A 12-digit AWS account ID. */
export function isAccountId(value: string): boolean {
  return /^\d{12}$/.test(value);
}

/** A role name as IAM allows it. */
export function isRoleName(value: string): boolean {
  return /^[\w+=,.@-]{1,64}$/.test(value);
}
