// The messages between the setup guide (webview) and its host, as discriminated unions, and the
// validator the host runs on every message before acting on it (a webview is never trusted: its
// script could be anything that got a message into the frame).
// Secrets travel one way only: webview → host, in `keysSave`. No host message ever carries one.

import {
  checkKeysForm,
  checkProfileName,
  checkSsoForm,
  checkSsoProfileForm,
  DEFAULT_SSO_SCOPES,
  isAccountId,
  isTemporaryKeyId,
  OUTPUT_FORMATS,
  REGIONS,
  isRoleName,
  type FormErrors,
  type KeysForm,
  type SettingChange,
  type SsoForm,
  type SsoProfileForm,
} from './core/setupValidation';

/** The pages of the guide. */
export type GuidePage = 'start' | 'login' | 'sso' | 'keys' | 'result';

/** Links the guide may open; the host maps each to a fixed address (the webview never sends a URL). */
export const GUIDE_LINKS = {
  signup: 'https://portal.aws.amazon.com/billing/signup',
  consoleSignIn: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sign-in.html',
  identityCenter: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/getting-started.html',
  accessKeys: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
  bestPractices: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
  installCli: 'https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html',
  docker: 'https://docs.aws.amazon.com/cli/latest/userguide/getting-started-docker.html',
  cloudShell: 'https://docs.aws.amazon.com/cloudshell/latest/userguide/',
} as const;

/** A link id from GUIDE_LINKS. */
export type GuideLink = keyof typeof GUIDE_LINKS;

// ── webview → host ──────────────────────────────────────────────────────────

/** Messages the webview sends. */
export type WebviewMessage =
  /** The page has loaded and listens: send the state. */
  | { type: 'ready' }
  /** Re-run the checks. */
  | { type: 'refresh' }
  /** Open one of the fixed documentation links. */
  | { type: 'openLink'; link: GuideLink }
  /** Console path: run `aws login --profile NAME` in a terminal. */
  | { type: 'loginRun'; profile: string; region: string }
  /** Console path: look for the login the terminal made, and verify it. */
  | { type: 'loginCheck'; profile: string }
  /** Identity Center: write the sso-session and start the device sign-in. */
  | { type: 'ssoStart'; form: SsoForm }
  /** Identity Center: open the verification page again. */
  | { type: 'ssoOpenPage' }
  /** Identity Center: stop waiting for the sign-in. */
  | { type: 'ssoCancel' }
  /** Identity Center: the person chose an account and role; write the profile and verify it. */
  | { type: 'ssoSave'; accountId: string; roleName: string; form: SsoProfileForm }
  /** Access keys: what would saving do to this profile? (no secrets in this message) */
  | { type: 'keysPreview'; profile: string; accessKeyId: string; region: string; output: string; temporary: boolean }
  /** Access keys: write and verify. `overwrite` confirms replacing an existing profile's values. */
  | { type: 'keysSave'; form: KeysForm; overwrite: boolean }
  /** Result page: make this the profile AWS Prereqs checks and shows first. */
  | { type: 'useProfile'; profile: string };

// ── host → webview ──────────────────────────────────────────────────────────

/** One prerequisite step as the guide shows it (from the engine's report). */
export interface GuideStep {
  id: string;
  status: 'pass' | 'warn' | 'fail' | 'unknown';
  title: string;
  summary: string;
}

/** Where the person stands: everything the start page needs. Never a secret. */
export interface GuideState {
  steps: GuideStep[];
  /** Version of the AWS CLI v2 first on PATH, or null when there is none (or it is v1). */
  cliVersion: string | null;
  /** Why `aws login` cannot be used here, or null when it can (CLI ≥ 2.32.0). */
  loginUnavailable: string | null;
  profiles: string[];
  ssoSessions: string[];
  activeProfile: string | null;
  /** True while the engine is checking. */
  checking: boolean;
}

/** One account and its roles, from the portal. */
export interface GuideAccount {
  accountId: string;
  accountName: string;
  email: string;
  roles: string[];
}

/** The Identity Center sign-in as the guide shows it. */
export type SsoPhase =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'waiting'; userCode: string; verificationUri: string; expiresAt: string }
  | { phase: 'listing' }
  | { phase: 'signedIn'; session: string; accounts: GuideAccount[] }
  | { phase: 'failed'; message: string }
  | { phase: 'cancelled' };

/** A warning that still applies after set-up (root user, long-term key, …). */
export interface GuideWarning {
  code: string;
  message: string;
}

/** The result page. */
export interface GuideResult {
  profile: string;
  ok: boolean;
  account: string | null;
  arn: string | null;
  /** What failed, in the engine's words, when ok is false. */
  errors: GuideWarning[];
  warnings: GuideWarning[];
  /** True once "Use this profile" has been applied. */
  inUse: boolean;
}

/** Messages the host sends. */
export type HostMessage =
  | { type: 'state'; state: GuideState }
  /** The host refused a form: messages per field (the webview shows them next to the fields). */
  | { type: 'formErrors'; form: 'sso' | 'ssoProfile' | 'keys' | 'login'; errors: Record<string, string> }
  | { type: 'keysPreview'; profile: string; exists: boolean; changes: SettingChange[] }
  | { type: 'sso'; sso: SsoPhase }
  /** Something is under way (`null` when done). */
  | { type: 'busy'; what: string | null }
  | { type: 'result'; result: GuideResult }
  /** A message for the whole page (not about one field). */
  | { type: 'notice'; level: 'info' | 'error'; message: string }
  /** Show a page (e.g. the walkthrough asked for a path). */
  | { type: 'show'; page: GuidePage };

// ── validation of incoming messages ─────────────────────────────────────────

/** The verdict on an incoming message: the typed message, or why it was refused. */
export type Parsed = { ok: true; message: WebviewMessage } | { ok: false; error: string; errors?: Record<string, string> };

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const MAX = 4096;

/** Only the listed keys, each a string of bounded length; returns null if not. */
function strings<K extends string>(o: unknown, keys: readonly K[], optional: readonly K[] = []): Record<K, string> | null {
  if (!isObj(o)) return null;
  for (const k of Object.keys(o)) if (!(keys as readonly string[]).includes(k)) return null;
  const out = {} as Record<K, string>;
  for (const k of keys) {
    const v = o[k];
    if (v === undefined && optional.includes(k)) {
      out[k] = '';
      continue;
    }
    if (typeof v !== 'string' || v.length > MAX) return null;
    out[k] = v;
  }
  return out;
}

const bad = (error: string): Parsed => ({ ok: false, error });
const invalid = (errors: Record<string, string | undefined>): Parsed => {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) if (v !== undefined) clean[k] = v;
  return { ok: false, error: 'Some fields need attention.', errors: clean };
};

/**
 * Checks an incoming message's shape and values. Messages carrying forms are refused with the
 * per-field messages when a value is wrong, so the host never writes what it would not accept.
 */
export function parseWebviewMessage(x: unknown): Parsed {
  if (!isObj(x) || typeof x.type !== 'string') return bad('not a message');
  const only = (...keys: string[]) => Object.keys(x).every((k) => k === 'type' || keys.includes(k));
  switch (x.type) {
    case 'ready':
    case 'refresh':
    case 'ssoOpenPage':
    case 'ssoCancel':
      return only() ? { ok: true, message: { type: x.type } } : bad(`unexpected fields in ${x.type}`);
    case 'openLink': {
      if (!only('link') || typeof x.link !== 'string' || !Object.prototype.hasOwnProperty.call(GUIDE_LINKS, x.link)) return bad('unknown link');
      return { ok: true, message: { type: 'openLink', link: x.link as GuideLink } };
    }
    case 'loginRun': {
      if (!only('profile', 'region') || typeof x.profile !== 'string' || typeof x.region !== 'string') return bad('loginRun needs profile and region');
      const e = checkSsoProfileForm({ profile: x.profile, region: x.region, output: '' });
      if (e.profile || e.region) return invalid({ profile: e.profile, region: e.region });
      return { ok: true, message: { type: 'loginRun', profile: x.profile, region: x.region } };
    }
    case 'loginCheck':
    case 'useProfile': {
      if (!only('profile') || typeof x.profile !== 'string') return bad(`${x.type} needs a profile`);
      const m = checkProfileName(x.profile);
      if (m) return invalid({ profile: m });
      return { ok: true, message: { type: x.type, profile: x.profile } };
    }
    case 'ssoStart': {
      if (!only('form')) return bad('unexpected fields in ssoStart');
      const f = strings(x.form, ['sessionName', 'startUrl', 'region', 'scopes'] as const);
      if (!f) return bad('ssoStart needs a form with sessionName, startUrl, region and scopes');
      const e = checkSsoForm(f);
      if (Object.keys(e).length) return invalid(e);
      return { ok: true, message: { type: 'ssoStart', form: { ...f, startUrl: f.startUrl.trim() } } };
    }
    case 'ssoSave': {
      if (!only('accountId', 'roleName', 'form') || typeof x.accountId !== 'string' || typeof x.roleName !== 'string')
        return bad('ssoSave needs accountId, roleName and form');
      if (!isAccountId(x.accountId)) return bad('ssoSave: the account ID is not 12 digits');
      if (!isRoleName(x.roleName)) return bad('ssoSave: the role name is not a valid role name');
      const f = strings(x.form, ['profile', 'region', 'output'] as const);
      if (!f) return bad('ssoSave needs a form with profile, region and output');
      const e = checkSsoProfileForm(f);
      if (Object.keys(e).length) return invalid(e);
      return { ok: true, message: { type: 'ssoSave', accountId: x.accountId, roleName: x.roleName, form: f } };
    }
    case 'keysPreview': {
      if (!only('profile', 'accessKeyId', 'region', 'output', 'temporary') || typeof x.temporary !== 'boolean') return bad('keysPreview has the wrong fields');
      const f = strings({ profile: x.profile, accessKeyId: x.accessKeyId, region: x.region, output: x.output }, ['profile', 'accessKeyId', 'region', 'output'] as const);
      if (!f) return bad('keysPreview has the wrong fields');
      const m = checkProfileName(f.profile);
      if (m) return invalid({ profile: m });
      return { ok: true, message: { type: 'keysPreview', ...f, temporary: x.temporary } };
    }
    case 'keysSave': {
      if (!only('form', 'overwrite') || typeof x.overwrite !== 'boolean') return bad('keysSave needs form and overwrite');
      const f = strings(x.form, ['profile', 'accessKeyId', 'secretAccessKey', 'sessionToken', 'region', 'output'] as const, ['sessionToken', 'output'] as const);
      if (!f) return bad('keysSave needs a form with profile, accessKeyId, secretAccessKey, region');
      const e: FormErrors<KeysForm> = checkKeysForm(f);
      if (Object.keys(e).length) return invalid(e);
      const form: KeysForm = {
        ...f,
        accessKeyId: f.accessKeyId.trim(),
        secretAccessKey: f.secretAccessKey.trim(),
        sessionToken: f.sessionToken.trim(),
      };
      return { ok: true, message: { type: 'keysSave', form, overwrite: x.overwrite } };
    }
    default:
      return bad('unknown message type');
  }
}

/** The webview's own check of a form as the person types (the same rules the host applies). */
export function formErrors(form: 'sso', f: SsoForm): FormErrors<SsoForm>;
export function formErrors(form: 'ssoProfile', f: SsoProfileForm): FormErrors<SsoProfileForm>;
export function formErrors(form: 'keys', f: KeysForm): FormErrors<KeysForm>;
export function formErrors(form: 'sso' | 'ssoProfile' | 'keys', f: SsoForm | SsoProfileForm | KeysForm): Record<string, string | undefined> {
  if (form === 'sso') return checkSsoForm(f as SsoForm);
  if (form === 'ssoProfile') return checkSsoProfileForm(f as SsoProfileForm);
  return checkKeysForm(f as KeysForm);
}

/** What the guide's pickers offer; the webview imports these from here (it may not import core). */
export const GUIDE_CHOICES = {
  regions: REGIONS,
  outputs: OUTPUT_FORMATS,
  defaultScopes: DEFAULT_SSO_SCOPES,
} as const;

/** Is this key ID temporary (ASIA…)? The webview shows the session-token field for it. */
export const keyIdIsTemporary = isTemporaryKeyId;
