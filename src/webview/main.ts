// The setup guide's page: plain DOM with native controls (labelled, keyboard-complete), themed only with
// VS Code's --vscode-* variables (media/guide.css). It talks to the host through src/protocol.ts only.
// Drafts survive hide/restore through getState/setState — never the secret access key or session token.
import {
  formErrors,
  GUIDE_CHOICES,
  keyIdIsTemporary,
  type GuideAccount,
  type GuideLink,
  type GuidePage,
  type GuideResult,
  type GuideState,
  type HostMessage,
  type SsoPhase,
  type WebviewMessage,
} from '../protocol';

interface VsCodeApi {
  postMessage(m: WebviewMessage): void;
  getState(): unknown;
  setState(s: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;
const vscode = acquireVsCodeApi();

// ── drafts (no secrets) ─────────────────────────────────────────────────────

interface Drafts {
  page: GuidePage;
  login: { profile: string; region: string };
  sso: { sessionName: string; startUrl: string; region: string; scopes: string };
  ssoProfile: { profile: string; region: string; output: string };
  keys: { profile: string; accessKeyId: string; region: string; output: string };
}

const defaults: Drafts = {
  page: 'start',
  login: { profile: 'default', region: 'us-east-1' },
  sso: { sessionName: '', startUrl: '', region: 'us-east-1', scopes: GUIDE_CHOICES.defaultScopes },
  ssoProfile: { profile: '', region: 'us-east-1', output: 'json' },
  keys: { profile: 'default', accessKeyId: '', region: 'us-east-1', output: 'json' },
};

function loadDrafts(): Drafts {
  const s = vscode.getState() as Partial<Drafts> | undefined;
  const d: Drafts = structuredClone(defaults);
  if (!s || typeof s !== 'object') return d;
  for (const k of ['login', 'sso', 'ssoProfile', 'keys'] as const) {
    const v = s[k] as Record<string, unknown> | undefined;
    if (!v) continue;
    for (const f of Object.keys(d[k])) if (typeof v[f] === 'string') (d[k] as Record<string, string>)[f] = v[f] as string;
  }
  if (s.page === 'start' || s.page === 'login' || s.page === 'sso' || s.page === 'keys') d.page = s.page;
  return d;
}
const drafts = loadDrafts();
const saveDrafts = () => vscode.setState(drafts);

// ── tiny DOM helpers ────────────────────────────────────────────────────────

type Attrs = Record<string, string | boolean | undefined>;
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...kids: (Node | string | null | undefined)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of kids) if (c !== null && c !== undefined) el.append(c);
  return el;
}
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const post = (m: WebviewMessage) => vscode.postMessage(m);

function linkButton(text: string, link: GuideLink): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'link' }, text);
  b.addEventListener('click', () => post({ type: 'openLink', link }));
  return b;
}

const STATUS_TEXT: Record<string, string> = { pass: 'Done', warn: 'Needs attention', fail: 'Not done', unknown: 'Not checked yet' };
const STATUS_MARK: Record<string, string> = { pass: '✓', warn: '!', fail: '✗', unknown: '?' };

// ── fields ──────────────────────────────────────────────────────────────────

interface FieldSpec {
  id: string;
  label: string;
  hint?: string;
  type?: 'text' | 'password' | 'url';
  select?: { value: string; label: string }[];
  value: string;
  onInput: (v: string) => void;
  autocomplete?: string;
}

function field(f: FieldSpec): HTMLElement {
  const msgId = `${f.id}-msg`;
  const hintId = `${f.id}-hint`;
  const described = [f.hint ? hintId : '', msgId].filter(Boolean).join(' ');
  let control: HTMLInputElement | HTMLSelectElement;
  if (f.select) {
    const sel = h('select', { id: f.id, name: f.id, 'aria-describedby': described });
    for (const o of f.select) sel.append(h('option', { value: o.value, selected: o.value === f.value }, o.label));
    sel.value = f.value;
    sel.addEventListener('change', () => f.onInput(sel.value));
    control = sel;
  } else {
    const inp = h('input', {
      id: f.id,
      name: f.id,
      type: f.type ?? 'text',
      spellcheck: 'false',
      autocomplete: f.autocomplete ?? 'off',
      autocapitalize: 'off',
      'aria-describedby': described,
    });
    inp.value = f.value;
    inp.addEventListener('input', () => f.onInput(inp.value));
    control = inp;
  }
  return h(
    'div',
    { class: 'field' },
    h('label', { for: f.id }, f.label),
    f.hint ? h('p', { id: hintId, class: 'hint' }, f.hint) : null,
    control,
    h('p', { id: msgId, class: 'field-msg', hidden: true }),
  );
}

/** Shows (or clears) a field's message and marks the control invalid for screen readers. */
function setFieldMessage(id: string, message: string | undefined): void {
  const msg = document.getElementById(`${id}-msg`);
  const ctl = document.getElementById(id);
  if (!msg) return;
  if (message) {
    msg.textContent = message;
    msg.hidden = false;
    ctl?.setAttribute('aria-invalid', 'true');
  } else {
    msg.textContent = '';
    msg.hidden = true;
    ctl?.removeAttribute('aria-invalid');
  }
}

/** Shows a form's messages; focuses the first bad field when asked (after a submit). */
function showErrors(prefix: string, fields: string[], errors: Record<string, string | undefined>, focus: boolean): boolean {
  let first: string | undefined;
  for (const f of fields) {
    const m = errors[f];
    setFieldMessage(`${prefix}-${f}`, m);
    if (m && !first) first = `${prefix}-${f}`;
  }
  if (first && focus) document.getElementById(first)?.focus();
  return first === undefined;
}

const regionOptions = GUIDE_CHOICES.regions.map((r) => ({ value: r.code, label: `${r.code} — ${r.name}` }));
const outputOptions = [{ value: '', label: '(AWS CLI default: json)' }, ...GUIDE_CHOICES.outputs.map((o) => ({ value: o, label: o }))];

// ── pages ───────────────────────────────────────────────────────────────────

let state: GuideState | null = null;
let result: GuideResult | null = null;
let sso: SsoPhase = { phase: 'idle' };
const secrets = { secretAccessKey: '', sessionToken: '' };
let keysTouched = false;
let ssoTouched = false;

function page(id: GuidePage, title: string, ...kids: (Node | null)[]): HTMLElement {
  const back =
    id === 'start'
      ? null
      : h('button', { type: 'button', class: 'secondary back', 'data-go': 'start' }, '← All ways to sign in');
  return h('section', { id: `page-${id}`, class: 'page', hidden: true, 'aria-labelledby': `page-${id}-title` }, back, h('h1', { id: `page-${id}-title`, tabindex: '-1' }, title), ...kids);
}

function buildStart(): HTMLElement {
  const card = (id: GuidePage, title: string, badge: string, badgeClass: string, why: string, button: string) =>
    h(
      'article',
      { class: `path ${badgeClass}`, 'aria-labelledby': `path-${id}-title` },
      h('h3', { id: `path-${id}-title` }, title, ' ', h('span', { class: `badge ${badgeClass}` }, badge)),
      h('p', {}, why),
      h('button', { type: 'button', 'data-go': id, id: `go-${id}` }, button),
    );
  return page(
    'start',
    'Set up AWS access',
    h('p', { class: 'lead' }, 'AWS Prereqs checks that this machine can use the AWS CLI v2 safely. Here is where you stand, and three ways to give the AWS CLI credentials.'),
    h('h2', {}, 'Where you stand'),
    h('ul', { id: 'steps', class: 'steps', 'aria-live': 'polite' }),
    h('p', { class: 'row' }, h('button', { type: 'button', class: 'secondary', id: 'refresh' }, 'Check again'), ' ', linkButton('No AWS account yet? Create one', 'signup')),
    h('h2', {}, 'Choose how to sign in'),
    card(
      'login',
      'Console credentials (aws login)',
      'Recommended',
      'good',
      'Sign the AWS CLI in with the same sign-in you use for the AWS console: no keys to store, and the credentials it gets are short-lived. Needs AWS CLI 2.32.0 or newer.',
      'Use console credentials',
    ),
    card(
      'sso',
      'IAM Identity Center',
      'Recommended for organizations',
      'good',
      'Sign in once through your organization’s AWS access portal and pick an account and role; the credentials are short-lived and renewed by signing in again. Use this when your company manages AWS access centrally.',
      'Use IAM Identity Center',
    ),
    card(
      'keys',
      'IAM user access keys',
      'Not recommended',
      'bad',
      'Access keys are long-term: they work until someone deletes them, so a leaked key (a committed file, a shared screen) gives access for as long as nobody notices. Prefer one of the two ways above; use keys only when nothing else is possible.',
      'Use access keys anyway',
    ),
  );
}

function buildLogin(): HTMLElement {
  return page(
    'login',
    'Console credentials (aws login)',
    h('p', {}, 'aws login opens your browser, you sign in as you do for the AWS console, and the AWS CLI keeps short-lived credentials for the profile. Nothing secret is written to your files.'),
    h('div', { id: 'login-unavailable', class: 'callout error', role: 'status', hidden: true }),
    field({ id: 'login-profile', label: 'Profile name', hint: 'The profile aws login signs in (default is used when you name none).', value: drafts.login.profile, onInput: (v) => ((drafts.login.profile = v), saveDrafts()) }),
    field({ id: 'login-region', label: 'Region', select: regionOptions, value: drafts.login.region, onInput: (v) => ((drafts.login.region = v), saveDrafts()) }),
    h(
      'p',
      { class: 'row' },
      h('button', { type: 'button', id: 'login-run' }, 'Run aws login in a terminal'),
      ' ',
      h('button', { type: 'button', class: 'secondary', id: 'login-check' }, 'Verify the sign-in'),
    ),
    h('p', { class: 'row' }, linkButton('How aws login works', 'consoleSignIn'), linkButton('Install or update the AWS CLI', 'installCli')),
  );
}

function buildSso(): HTMLElement {
  return page(
    'sso',
    'IAM Identity Center',
    h('p', {}, 'Sign in through your AWS access portal. AWS Prereqs writes the [sso-session] section, signs you in with a code you confirm in the browser, and keeps the sign-in where the AWS CLI and SDKs find it.'),
    h(
      'form',
      { id: 'sso-form', novalidate: true, 'aria-describedby': 'sso-form-msg' },
      field({
        id: 'sso-startUrl',
        label: 'AWS access portal URL (start URL)',
        hint: 'In the IAM Identity Center console under Settings, for example https://d-1234567890.awsapps.com/start.',
        type: 'url',
        value: drafts.sso.startUrl,
        onInput: (v) => ((drafts.sso.startUrl = v), saveDrafts(), ssoTouched && validateSso(false)),
      }),
      field({ id: 'sso-region', label: 'IAM Identity Center Region', hint: 'Where your Identity Center lives (not necessarily where you work).', select: regionOptions, value: drafts.sso.region, onInput: (v) => ((drafts.sso.region = v), saveDrafts(), ssoTouched && validateSso(false)) }),
      field({ id: 'sso-sessionName', label: 'Session name', hint: 'Names the [sso-session] section, for example my-company.', value: drafts.sso.sessionName, onInput: (v) => ((drafts.sso.sessionName = v), saveDrafts(), ssoTouched && validateSso(false)) }),
      field({ id: 'sso-scopes', label: 'Registration scopes', hint: 'Comma-separated; sso:account:access is what the AWS CLI uses.', value: drafts.sso.scopes, onInput: (v) => ((drafts.sso.scopes = v), saveDrafts(), ssoTouched && validateSso(false)) }),
      h('p', { id: 'sso-form-msg', class: 'field-msg', hidden: true }),
      h('p', { class: 'row' }, h('button', { type: 'submit', id: 'sso-start' }, 'Sign in')),
    ),
    h('div', { id: 'sso-status', 'aria-live': 'polite' }),
    h('p', {}, linkButton('Getting started with IAM Identity Center', 'identityCenter')),
  );
}

function buildKeys(): HTMLElement {
  return page(
    'keys',
    'IAM user access keys',
    h(
      'div',
      { class: 'callout warn', role: 'note' },
      h('strong', {}, 'Not recommended. '),
      'An access key works until it is deleted, so anyone who copies it keeps access. Prefer console credentials or IAM Identity Center; if you must use a key, give its user least privilege, never use the root user’s keys, and rotate it. AWS shows the secret only once, when the key is created.',
    ),
    h(
      'form',
      { id: 'keys-form', novalidate: true },
      field({ id: 'keys-profile', label: 'Profile name', value: drafts.keys.profile, onInput: (v) => ((drafts.keys.profile = v), saveDrafts(), keysChanged()) }),
      field({ id: 'keys-accessKeyId', label: 'Access key ID', hint: 'Starts with AKIA (or ASIA for temporary keys), 20 characters.', value: drafts.keys.accessKeyId, onInput: (v) => ((drafts.keys.accessKeyId = v), saveDrafts(), keysChanged()) }),
      field({ id: 'keys-secretAccessKey', label: 'Secret access key', hint: 'Hidden as you type; never shown again and never kept by this page.', type: 'password', autocomplete: 'new-password', value: '', onInput: (v) => ((secrets.secretAccessKey = v), keysChanged()) }),
      h('div', { id: 'keys-token-wrap', hidden: !keyIdIsTemporary(drafts.keys.accessKeyId) },
        field({ id: 'keys-sessionToken', label: 'Session token', hint: 'Temporary (ASIA…) keys come with a session token.', type: 'password', autocomplete: 'new-password', value: '', onInput: (v) => ((secrets.sessionToken = v), keysChanged()) }),
      ),
      field({ id: 'keys-region', label: 'Default Region', select: regionOptions, value: drafts.keys.region, onInput: (v) => ((drafts.keys.region = v), saveDrafts(), keysChanged()) }),
      field({ id: 'keys-output', label: 'Output format', select: outputOptions, value: drafts.keys.output, onInput: (v) => ((drafts.keys.output = v), saveDrafts(), keysChanged()) }),
      h('div', { id: 'keys-preview', 'aria-live': 'polite' }),
      h('div', { id: 'keys-overwrite-wrap', class: 'field', hidden: true },
        h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'keys-overwrite', 'aria-describedby': 'keys-overwrite-msg' }), ' Replace the values shown above'),
        h('p', { id: 'keys-overwrite-msg', class: 'field-msg', hidden: true }),
      ),
      h('p', { class: 'row' }, h('button', { type: 'submit', id: 'keys-save' }, 'Save and verify')),
    ),
    h('p', { class: 'row' }, linkButton('Managing access keys', 'accessKeys'), linkButton('IAM security best practices', 'bestPractices')),
  );
}

function buildResult(): HTMLElement {
  return page('result', 'Result', h('div', { id: 'result-body', 'aria-live': 'polite' }));
}

// ── rendering from host messages ───────────────────────────────────────────

function renderState(): void {
  const list = $('steps');
  list.replaceChildren();
  if (!state || state.steps.length === 0) {
    list.append(h('li', { class: 'unknown' }, state?.checking ? 'Checking…' : 'Not checked yet.'));
  } else {
    for (const s of state.steps) {
      list.append(
        h(
          'li',
          { class: `step ${s.status}`, 'data-step': s.id },
          h('span', { class: 'mark', 'aria-hidden': 'true' }, STATUS_MARK[s.status] ?? '?'),
          h('span', { class: 'visually-hidden' }, `${STATUS_TEXT[s.status] ?? s.status}: `),
          h('strong', {}, s.title),
          ' — ',
          s.summary,
        ),
      );
    }
    if (state.checking) list.append(h('li', { class: 'unknown' }, 'Checking…'));
  }
  const lu = $('login-unavailable');
  lu.textContent = state?.loginUnavailable ?? '';
  lu.hidden = !state?.loginUnavailable;
  ($('login-run') as HTMLButtonElement).disabled = !!state?.loginUnavailable;
}

function renderSso(): void {
  const box = $('sso-status');
  box.replaceChildren();
  const form = $('sso-form');
  const startBtn = $('sso-start') as HTMLButtonElement;
  startBtn.disabled = sso.phase === 'starting' || sso.phase === 'waiting' || sso.phase === 'listing';
  form.toggleAttribute('aria-busy', startBtn.disabled);
  switch (sso.phase) {
    case 'idle':
      return;
    case 'starting':
      box.append(h('p', { class: 'progress' }, 'Writing the [sso-session] section and starting the sign-in…'));
      return;
    case 'waiting': {
      const open = h('button', { type: 'button', id: 'sso-open' }, 'Open the sign-in page again');
      open.addEventListener('click', () => post({ type: 'ssoOpenPage' }));
      const cancel = h('button', { type: 'button', class: 'secondary', id: 'sso-cancel' }, 'Cancel');
      cancel.addEventListener('click', () => post({ type: 'ssoCancel' }));
      box.append(
        h('div', { class: 'callout info' },
          h('p', {}, 'A browser page has opened at ', h('code', {}, sso.verificationUri), '. Check that it shows this code, then choose Confirm and Allow:'),
          h('p', { class: 'user-code', id: 'sso-user-code', 'aria-label': `Code ${sso.userCode.split('').join(' ')}` }, sso.userCode),
          h('p', { class: 'hint' }, `Waiting for you to confirm… The code works until ${new Date(sso.expiresAt).toLocaleTimeString()}.`),
          h('p', { class: 'row' }, open, ' ', cancel),
        ),
      );
      return;
    }
    case 'listing':
      box.append(h('p', { class: 'progress' }, 'Signed in. Listing your accounts and roles…'));
      return;
    case 'cancelled':
      box.append(h('p', { class: 'callout' }, 'Sign-in cancelled. Nothing but the [sso-session] section was written.'));
      return;
    case 'failed':
      box.append(h('p', { class: 'callout error', role: 'alert' }, sso.message));
      return;
    case 'signedIn':
      box.append(buildAccountPicker(sso.session, sso.accounts));
      ($('sso-role-0') as HTMLInputElement | null)?.focus();
      return;
  }
}

function buildAccountPicker(session: string, accounts: GuideAccount[]): HTMLElement {
  if (accounts.length === 0) {
    return h('p', { class: 'callout error', role: 'alert' }, `Signed in to ${session}, but no account or role is assigned to you. Ask your IAM Identity Center administrator to assign you a permission set.`);
  }
  if (!drafts.ssoProfile.profile) drafts.ssoProfile.profile = session;
  const fs = h('fieldset', { id: 'sso-roles', 'aria-describedby': 'ssoProfile-role-msg' }, h('legend', {}, 'Choose an account and role'));
  let i = 0;
  for (const a of accounts) {
    const group = h('div', { class: 'account', role: 'group', 'aria-label': `${a.accountName} (${a.accountId})` }, h('p', { class: 'account-name' }, `${a.accountName} `, h('span', { class: 'hint' }, `${a.accountId} · ${a.email}`)));
    for (const r of a.roles) {
      const id = `sso-role-${i++}`;
      group.append(h('label', { class: 'check', for: id }, h('input', { type: 'radio', name: 'sso-role', id, value: `${a.accountId}/${r}`, 'data-account': a.accountId, 'data-role': r, checked: i === 1 }), ` ${r}`));
    }
    fs.append(group);
  }
  fs.append(h('p', { id: 'ssoProfile-role-msg', class: 'field-msg', hidden: true }));
  const save = h('button', { type: 'submit', id: 'sso-save' }, 'Save profile and verify');
  const form = h(
    'form',
    { id: 'sso-profile-form', novalidate: true },
    h('p', {}, `Signed in to ${session}.`),
    fs,
    field({ id: 'ssoProfile-profile', label: 'Profile name', value: drafts.ssoProfile.profile, onInput: (v) => ((drafts.ssoProfile.profile = v), saveDrafts()) }),
    field({ id: 'ssoProfile-region', label: 'Default Region for commands', select: regionOptions, value: drafts.ssoProfile.region, onInput: (v) => ((drafts.ssoProfile.region = v), saveDrafts()) }),
    field({ id: 'ssoProfile-output', label: 'Output format', select: outputOptions, value: drafts.ssoProfile.output, onInput: (v) => ((drafts.ssoProfile.output = v), saveDrafts()) }),
    h('p', { class: 'row' }, save),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const picked = form.querySelector<HTMLInputElement>('input[name="sso-role"]:checked');
    if (!picked) {
      setFieldMessage('ssoProfile-role', 'Choose an account and role.');
      return;
    }
    const f = { ...drafts.ssoProfile };
    if (!showErrors('ssoProfile', ['profile', 'region', 'output'], formErrors('ssoProfile', f), true)) return;
    post({ type: 'ssoSave', accountId: picked.dataset.account ?? '', roleName: picked.dataset.role ?? '', form: f });
  });
  return form;
}

function renderResult(): void {
  const body = $('result-body');
  body.replaceChildren();
  if (!result) return;
  const r = result;
  $('page-result-title').textContent = r.ok ? `Profile ${r.profile} works` : `Profile ${r.profile} does not work yet`;
  if (r.ok) {
    body.append(
      h('dl', { class: 'identity' }, h('dt', {}, 'Account'), h('dd', { id: 'result-account' }, r.account ?? ''), h('dt', {}, 'Identity (ARN)'), h('dd', { id: 'result-arn' }, h('code', {}, r.arn ?? ''))),
    );
  }
  if (r.errors.length) {
    body.append(h('h2', {}, 'What to fix'), h('ul', { class: 'problems error', id: 'result-errors', role: 'alert' }, ...r.errors.map((e) => h('li', { 'data-code': e.code }, e.message))));
  }
  if (r.warnings.length) {
    body.append(h('h2', {}, r.ok ? 'Still worth fixing' : 'Also'), h('ul', { class: 'problems warn', id: 'result-warnings' }, ...r.warnings.map((e) => h('li', { 'data-code': e.code }, e.message))));
  } else if (r.ok) {
    body.append(h('p', {}, 'No warnings: this profile is ready to use with the AWS CLI v2.'));
  }
  const row = h('p', { class: 'row' });
  if (r.ok) {
    const use = h('button', { type: 'button', id: 'result-use', disabled: r.inUse }, r.inUse ? `Profile ${r.profile} is in use` : 'Use this profile');
    use.addEventListener('click', () => post({ type: 'useProfile', profile: r.profile }));
    row.append(use, ' ');
  }
  row.append(h('button', { type: 'button', class: 'secondary', 'data-go': 'start' }, 'Back to the start'));
  body.append(row);
}

function renderPreview(profile: string, exists: boolean, changes: { key: string; change: string; before?: string; after?: string }[]): void {
  const box = $('keys-preview');
  box.replaceChildren();
  // A refusal from the host follows its preview; an older refusal no longer applies.
  setFieldMessage('keys-overwrite', undefined);
  const wrap = $('keys-overwrite-wrap');
  const replacing = changes.some((c) => c.change === 'replace' || c.change === 'remove');
  wrap.hidden = !replacing;
  if (!replacing) ($('keys-overwrite') as HTMLInputElement).checked = false;
  if (!exists) {
    box.append(h('p', { class: 'hint' }, `Profile ${profile} is new: it will be added.`));
    return;
  }
  const rows = changes.map((c) =>
    h('tr', { class: c.change }, h('th', { scope: 'row' }, h('code', {}, c.key)), h('td', {}, c.before ?? '—'), h('td', {}, c.after ?? '(removed)'), h('td', {}, c.change)),
  );
  box.append(
    h('p', { class: replacing ? 'callout warn' : 'hint' }, replacing ? `Profile ${profile} already exists. Saving would change it like this:` : `Profile ${profile} already exists; saving changes nothing it has.`),
    h('table', { class: 'preview', 'aria-label': `Changes to profile ${profile}` }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Setting'), h('th', { scope: 'col' }, 'Now'), h('th', { scope: 'col' }, 'After saving'), h('th', { scope: 'col' }, 'Change'))), h('tbody', {}, ...rows)),
  );
}

// ── behaviour ───────────────────────────────────────────────────────────────

function show(p: GuidePage): void {
  for (const el of document.querySelectorAll<HTMLElement>('.page')) el.hidden = el.id !== `page-${p}`;
  if (p !== 'result') {
    drafts.page = p;
    saveDrafts();
  }
  $(`page-${p}-title`).focus();
}

function validateSso(focus: boolean): boolean {
  return showErrors('sso', ['startUrl', 'region', 'sessionName', 'scopes'], formErrors('sso', { ...drafts.sso }), focus);
}

function keysForm() {
  return { ...drafts.keys, secretAccessKey: secrets.secretAccessKey, sessionToken: keyIdIsTemporary(drafts.keys.accessKeyId) ? secrets.sessionToken : '' };
}

let previewTimer: ReturnType<typeof setTimeout> | undefined;
function keysChanged(): void {
  $('keys-token-wrap').hidden = !keyIdIsTemporary(drafts.keys.accessKeyId);
  if (keysTouched) validateKeys(false);
  clearTimeout(previewTimer);
  previewTimer = setTimeout(() => {
    if (formErrors('keys', keysForm()).profile) return;
    post({
      type: 'keysPreview',
      profile: drafts.keys.profile,
      accessKeyId: drafts.keys.accessKeyId.trim(),
      region: drafts.keys.region,
      output: drafts.keys.output,
      temporary: keyIdIsTemporary(drafts.keys.accessKeyId),
    });
  }, 250);
}

function validateKeys(focus: boolean): boolean {
  return showErrors('keys', ['profile', 'accessKeyId', 'secretAccessKey', 'sessionToken', 'region', 'output'], formErrors('keys', keysForm()), focus);
}

function setBusy(what: string | null): void {
  const b = $('busy');
  b.textContent = what ?? '';
  b.hidden = !what;
  document.body.toggleAttribute('aria-busy', !!what);
  for (const id of ['keys-save', 'sso-save', 'login-check']) {
    const el = document.getElementById(id) as HTMLButtonElement | null;
    if (el) el.disabled = !!what;
  }
}

function notice(level: 'info' | 'error', message: string): void {
  const n = $('notice');
  n.className = `callout ${level}`;
  n.setAttribute('role', level === 'error' ? 'alert' : 'status');
  n.textContent = message;
  n.hidden = false;
}

function onHost(m: HostMessage): void {
  switch (m.type) {
    case 'state':
      state = m.state;
      renderState();
      return;
    case 'show':
      show(m.page);
      return;
    case 'sso':
      sso = m.sso;
      renderSso();
      return;
    case 'busy':
      setBusy(m.what);
      return;
    case 'notice':
      notice(m.level, m.message);
      return;
    case 'result':
      result = m.result;
      renderResult();
      return;
    case 'keysPreview':
      renderPreview(m.profile, m.exists, m.changes);
      return;
    case 'formErrors': {
      setBusy(null);
      const prefix = m.form;
      const fields = Object.keys(m.errors);
      if (m.form === 'sso' && sso.phase === 'starting') {
        sso = { phase: 'idle' };
        renderSso();
      }
      showErrors(prefix === 'login' ? 'login' : prefix, fields, m.errors, true);
      return;
    }
  }
}

/**
 * True when focus leaves a field for a button: the button's own action validates the whole form, and a
 * message appearing now would move the button away from under the pointer between press and release.
 */
function leavingForButton(ev: FocusEvent): boolean {
  return ev.relatedTarget instanceof HTMLButtonElement;
}

function main(): void {
  const app = $('app');
  app.replaceChildren(
    h('p', { id: 'busy', class: 'progress', role: 'status', hidden: true }),
    h('div', { id: 'notice', hidden: true }),
    buildStart(),
    buildLogin(),
    buildSso(),
    buildKeys(),
    buildResult(),
  );
  app.removeAttribute('aria-busy');

  app.addEventListener('click', (ev) => {
    const go = (ev.target as HTMLElement).closest<HTMLElement>('[data-go]');
    if (go) {
      $('notice').hidden = true;
      show(go.dataset.go as GuidePage);
    }
  });
  $('refresh').addEventListener('click', () => post({ type: 'refresh' }));
  $('login-run').addEventListener('click', () => {
    const e = formErrors('ssoProfile', { profile: drafts.login.profile, region: drafts.login.region, output: '' });
    if (!showErrors('login', ['profile', 'region'], e, true)) return;
    post({ type: 'loginRun', profile: drafts.login.profile, region: drafts.login.region });
  });
  $('login-check').addEventListener('click', () => {
    const e = formErrors('ssoProfile', { profile: drafts.login.profile, region: drafts.login.region, output: '' });
    if (!showErrors('login', ['profile'], e, true)) return;
    post({ type: 'loginCheck', profile: drafts.login.profile });
  });
  $('sso-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    ssoTouched = true;
    if (!validateSso(true)) return;
    post({ type: 'ssoStart', form: { ...drafts.sso } });
  });
  $('keys-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    keysTouched = true;
    if (!validateKeys(true)) return;
    const overwrite = ($('keys-overwrite') as HTMLInputElement).checked;
    post({ type: 'keysSave', form: keysForm(), overwrite });
  });
  for (const id of ['sso-startUrl', 'sso-sessionName', 'sso-scopes']) {
    $(id).addEventListener('blur', (ev) => {
      if (leavingForButton(ev)) return;
      const k = id.slice(4) as 'startUrl' | 'sessionName' | 'scopes';
      if (drafts.sso[k] !== '') setFieldMessage(id, formErrors('sso', { ...drafts.sso })[k]);
    });
  }
  for (const id of ['keys-profile', 'keys-accessKeyId', 'keys-secretAccessKey', 'keys-sessionToken']) {
    $(id).addEventListener('blur', (ev) => {
      if (leavingForButton(ev)) return;
      const k = id.slice(5) as 'profile' | 'accessKeyId' | 'secretAccessKey' | 'sessionToken';
      const v = k === 'secretAccessKey' || k === 'sessionToken' ? secrets[k] : drafts.keys[k];
      if (v !== '') setFieldMessage(id, formErrors('keys', keysForm())[k]);
    });
  }

  window.addEventListener('message', (ev: MessageEvent) => {
    const m = ev.data as HostMessage;
    if (m && typeof m === 'object' && typeof m.type === 'string') onHost(m);
  });
  renderState();
  for (const el of document.querySelectorAll<HTMLElement>('.page')) el.hidden = el.id !== `page-${drafts.page}`;
  post({ type: 'ready' });
}

main();
