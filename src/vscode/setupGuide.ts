// The setup guide's panel host: one webview panel, its HTML (CSP default-src 'none' + nonce + cspSource),
// and the handlers of the guide's messages. Every message is validated (src/protocol.ts) before the host
// acts; no host message ever carries a secret; secrets live only as long as the write that uses them.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import {
  isValid,
  keysChanges,
  overwrites,
  previewChanges,
  SECRET_KEYS,
  ssoProfileChanges,
  ssoSessionChanges,
  splitScopes,
  checkSsoProfileForm,
  type KeysForm,
  type SsoForm,
  type SsoProfileForm,
} from '../core/setupValidation';
import { applySettings } from '../node/awsFileWriter';
import {
  listAccountsAndRoles,
  signInWithDeviceCode,
  SsoSignInError,
  ssoWireFor,
  type AccountRoles,
  type PendingAuthorization,
  type SsoWire,
} from '../node/ssoSignIn';
import { GUIDE_LINKS, parseWebviewMessage, type GuidePage, type HostMessage, type WebviewMessage } from '../protocol';
import { Disposable } from './lifecycle';
import { errorText } from './log';
import { shellArg } from './profileCommands';
import type { Services } from './services';
import { saveActiveProfile } from './settings';
import { guideResult, guideState, hasLoginSession, loginUnavailable, profileConflict, profileSettings, sessionConflict } from './setupGuideModel';

/** The panel's view type (also what the e2e test and the serializer match). */
export const SETUP_GUIDE_VIEW_TYPE = 'awsPrereqs.setupGuide';

const PAGES: readonly GuidePage[] = ['start', 'login', 'sso', 'keys'];
let current: SetupGuidePanel | undefined;

/** Command `awsPrereqs.openSetupGuide [page]`: shows the guide (one panel), optionally on a path's page. */
export async function openSetupGuide(s: Services, page?: unknown): Promise<void> {
  const p = typeof page === 'string' && (PAGES as readonly string[]).includes(page) ? (page as GuidePage) : undefined;
  if (current) current.reveal(p);
  else current = new SetupGuidePanel(s, p);
  void s.host.start();
}

/** A signed-in Identity Center session, held in memory only while the guide is open. */
interface SsoSignedIn {
  session: string;
  region: string;
  wire: SsoWire;
  accounts: AccountRoles[];
}

class SetupGuidePanel extends Disposable {
  private readonly panel: vscode.WebviewPanel;
  private ready = false;
  private pendingPage: GuidePage | undefined;
  private ssoAbort: AbortController | undefined;
  private pending: PendingAuthorization | undefined;
  private signedIn: SsoSignedIn | undefined;
  /** A profile `aws login` is signing in from the terminal: verified as soon as the files show its login_session. */
  private awaitingLogin: string | undefined;

  constructor(
    private readonly s: Services,
    page: GuidePage | undefined,
  ) {
    super();
    const ext = s.context.extensionUri;
    this.panel = this._register(
      vscode.window.createWebviewPanel(
        SETUP_GUIDE_VIEW_TYPE,
        'AWS Setup Guide',
        vscode.ViewColumn.Active,
        {
          enableScripts: true,
          // Only our bundle and media: nothing else in the extension folder or on disk is loadable.
          localResourceRoots: [vscode.Uri.joinPath(ext, 'dist'), vscode.Uri.joinPath(ext, 'media')],
        },
      ),
    );
    this.panel.iconPath = vscode.Uri.joinPath(ext, 'media', 'icon.svg');
    this.pendingPage = page;
    this.panel.webview.html = this.html();
    this._register(this.panel.onDidDispose(() => this.dispose()));
    this._register(this.panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)));
    this._register(
      s.host.onDidChange(() => {
        this.postState();
        const p = this.awaitingLogin;
        if (p && hasLoginSession(s.host.files, p)) {
          this.awaitingLogin = undefined;
          void this.verify(p).catch((err) => this.s.log.error('Setup guide: verifying the console sign-in failed', err));
        }
      }),
    );
    this._register({
      dispose: () => {
        this.ssoAbort?.abort();
        this.signedIn?.wire.destroy();
        this.signedIn = undefined;
        if (current === this) current = undefined;
      },
    });
  }

  reveal(page: GuidePage | undefined): void {
    this.panel.reveal();
    if (page) {
      if (this.ready) this.post({ type: 'show', page });
      else this.pendingPage = page;
    }
  }

  private html(): string {
    const w = this.panel.webview;
    const ext = this.s.context.extensionUri;
    const nonce = randomBytes(16).toString('base64');
    const js = w.asWebviewUri(vscode.Uri.joinPath(ext, 'dist', 'webview.js'));
    const css = w.asWebviewUri(vscode.Uri.joinPath(ext, 'media', 'guide.css'));
    const csp = [
      "default-src 'none'",
      `style-src ${w.cspSource}`,
      `img-src ${w.cspSource}`,
      `font-src ${w.cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${css}">
<title>AWS Setup Guide</title>
</head>
<body>
<main id="app" aria-busy="true"><p>Loading the setup guide…</p></main>
<script nonce="${nonce}" src="${js}"></script>
</body>
</html>`;
  }

  private post(m: HostMessage): void {
    void this.panel.webview.postMessage(m);
  }

  private postState(): void {
    if (!this.ready) return;
    const h = this.s.host;
    this.post({ type: 'state', state: guideState(h.report, h.files, h.running || h.runningProfiles.size > 0) });
  }

  private env(): NodeJS.ProcessEnv {
    return process.env;
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      // The message is never logged: it may hold a secret.
      this.s.log.warn(`Setup guide: refused a message (${parsed.error}).`);
      if (parsed.errors && typeof raw === 'object' && raw !== null) {
        const type = (raw as { type?: unknown }).type;
        const form = type === 'ssoStart' ? 'sso' : type === 'ssoSave' ? 'ssoProfile' : type === 'keysSave' || type === 'keysPreview' ? 'keys' : 'login';
        this.post({ type: 'formErrors', form, errors: parsed.errors });
      }
      return;
    }
    try {
      await this.handle(parsed.message);
    } catch (err) {
      this.s.log.error(`Setup guide: ${parsed.message.type} failed`, err);
      this.post({ type: 'busy', what: null });
      this.post({ type: 'notice', level: 'error', message: errorText(err) });
    }
  }

  private async handle(m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.postState();
        if (this.pendingPage) this.post({ type: 'show', page: this.pendingPage });
        this.pendingPage = undefined;
        return;
      case 'refresh':
        await this.s.host.refresh();
        return;
      case 'openLink':
        await vscode.env.openExternal(vscode.Uri.parse(GUIDE_LINKS[m.link]));
        return;
      case 'loginRun':
        return this.loginRun(m.profile, m.region);
      case 'loginCheck':
        return this.loginCheck(m.profile);
      case 'ssoStart':
        return this.ssoStart(m.form);
      case 'ssoOpenPage':
        if (this.pending) await vscode.env.openExternal(vscode.Uri.parse(this.pending.verificationUriComplete));
        return;
      case 'ssoCancel':
        this.ssoAbort?.abort();
        return;
      case 'ssoSave':
        return this.ssoSave(m.accountId, m.roleName, m.form);
      case 'keysPreview':
        return this.keysPreview(m.profile, m.accessKeyId, m.region, m.output, m.temporary);
      case 'keysSave':
        return this.keysSave(m.form, m.overwrite);
      case 'useProfile':
        return this.useProfile(m.profile);
    }
  }

  // ── console credentials (aws login) ─────────────────────────────────────

  private async loginRun(profile: string, region: string): Promise<void> {
    await this.s.host.start();
    const why = loginUnavailable(this.s.host.report);
    if (why) {
      this.post({ type: 'notice', level: 'error', message: why });
      return;
    }
    // aws login asks for a Region when the profile has none; write it first so the terminal asks nothing else.
    const existing = profileSettings(this.s.host.files, profile);
    if (!existing?.region) await applySettings(this.env(), { profile }, { region });
    const terminal = vscode.window.createTerminal({ name: `AWS sign-in: ${profile}` });
    terminal.show();
    terminal.sendText(`aws login --profile ${shellArg(profile)}`);
    // The file watcher re-reads the files when aws login writes login_session; verify then, without a click.
    this.awaitingLogin = hasLoginSession(this.s.host.files, profile) ? undefined : profile;
    this.post({
      type: 'notice',
      level: 'info',
      message: `Finish signing in in the terminal and the browser page it opens. The guide verifies the profile when the sign-in lands (or choose "Verify the sign-in").`,
    });
  }

  private async loginCheck(profile: string): Promise<void> {
    this.awaitingLogin = undefined;
    this.post({ type: 'busy', what: `Looking for the sign-in of profile ${profile}…` });
    await this.s.host.start();
    await this.s.host.filesChanged('files');
    if (!hasLoginSession(this.s.host.files, profile)) {
      this.post({ type: 'busy', what: null });
      this.post({
        type: 'formErrors',
        form: 'login',
        errors: { profile: `Profile ${profile} has no console sign-in yet (no login_session). Finish \`aws login --profile ${profile}\` in the terminal, then verify again.` },
      });
      return;
    }
    await this.verify(profile);
  }

  // ── IAM Identity Center ─────────────────────────────────────────────────

  private async ssoStart(form: SsoForm): Promise<void> {
    this.ssoAbort?.abort();
    this.signedIn?.wire.destroy();
    this.signedIn = undefined;
    const ac = new AbortController();
    this.ssoAbort = ac;
    await this.s.host.start();
    await this.s.host.whenIdle();
    const conflict = sessionConflict(this.s.host.files, form.sessionName, form.startUrl, form.region);
    if (conflict) {
      this.post({ type: 'formErrors', form: 'sso', errors: { sessionName: conflict } });
      return;
    }
    this.post({ type: 'sso', sso: { phase: 'starting' } });
    const env = this.env();
    await applySettings(env, { ssoSession: form.sessionName }, ssoSessionChanges(form));
    const wire = ssoWireFor(env, form.region);
    try {
      const r = await signInWithDeviceCode({
        wire,
        sessionName: form.sessionName,
        startUrl: form.startUrl,
        region: form.region,
        scopes: splitScopes(form.scopes),
        home: env.HOME || homedir(),
        signal: ac.signal,
        onPending: (a) => {
          this.pending = a;
          this.post({ type: 'sso', sso: { phase: 'waiting', userCode: a.userCode, verificationUri: a.verificationUri, expiresAt: a.expiresAt } });
          // openExternal works in Remote and WSL (the page opens on the person's own machine).
          void vscode.env.openExternal(vscode.Uri.parse(a.verificationUriComplete));
        },
      });
      this.pending = undefined;
      this.s.log.info(`Setup guide: signed in to IAM Identity Center session ${form.sessionName}; token cache ${r.cacheFile}.`);
      this.post({ type: 'sso', sso: { phase: 'listing' } });
      const accounts = await listAccountsAndRoles(wire, r.accessToken);
      if (ac.signal.aborted) throw new SsoSignInError('cancelled', 'The sign-in was cancelled.');
      this.signedIn = { session: form.sessionName, region: form.region, wire, accounts };
      this.post({
        type: 'sso',
        sso: {
          phase: 'signedIn',
          session: form.sessionName,
          accounts: accounts.map((a) => ({ accountId: a.accountId, accountName: a.accountName, email: a.email, roles: a.roles })),
        },
      });
      void this.s.host.filesChanged('caches');
    } catch (err) {
      this.pending = undefined;
      wire.destroy();
      if (err instanceof SsoSignInError && err.reason === 'cancelled') {
        this.post({ type: 'sso', sso: { phase: 'cancelled' } });
        return;
      }
      this.s.log.warn(`Setup guide: IAM Identity Center sign-in failed: ${errorText(err)}`);
      this.post({ type: 'sso', sso: { phase: 'failed', message: errorText(err) } });
    } finally {
      if (this.ssoAbort === ac) this.ssoAbort = undefined;
    }
  }

  private async ssoSave(accountId: string, roleName: string, form: SsoProfileForm): Promise<void> {
    const si = this.signedIn;
    if (!si) {
      this.post({ type: 'notice', level: 'error', message: 'Sign in to IAM Identity Center first: the sign-in has ended or was not started.' });
      return;
    }
    // Only an account and role the portal listed: the webview cannot make up one.
    const acct = si.accounts.find((a) => a.accountId === accountId);
    if (!acct || !acct.roles.includes(roleName)) {
      this.post({ type: 'formErrors', form: 'ssoProfile', errors: { role: 'Choose one of the roles listed for your accounts.' } });
      return;
    }
    const e = checkSsoProfileForm(form);
    if (!isValid(e)) {
      this.post({ type: 'formErrors', form: 'ssoProfile', errors: e as Record<string, string> });
      return;
    }
    const changes = ssoProfileChanges(si.session, accountId, roleName, form);
    await this.s.host.whenIdle();
    const clash = profileConflict(this.s.host.files, form.profile, changes);
    if (clash) {
      this.post({ type: 'formErrors', form: 'ssoProfile', errors: { profile: clash } });
      return;
    }
    this.post({ type: 'busy', what: `Writing profile ${form.profile}…` });
    await applySettings(this.env(), { profile: form.profile }, changes);
    await this.s.host.start();
    await this.s.host.filesChanged('files');
    await this.verify(form.profile);
  }

  // ── IAM user access keys ────────────────────────────────────────────────

  private async keysPreview(profile: string, accessKeyId: string, region: string, output: string, temporary: boolean): Promise<void> {
    await this.s.host.start();
    const existing = profileSettings(this.s.host.files, profile);
    // The page never sends secrets for a preview: a secret the profile already has will be replaced by
    // whatever was pasted (the save compares the real values and asks only when they differ).
    const changes = keysChanges({ profile, accessKeyId, secretAccessKey: '\u0000', sessionToken: temporary ? '\u0000' : '', region, output });
    const preview = previewChanges(existing, changes).map((c) => (SECRET_KEYS.has(c.key) && c.change === 'replace' ? { ...c, after: '(what you pasted)' } : c));
    this.post({ type: 'keysPreview', profile, exists: existing !== null, changes: preview });
  }

  private async keysSave(form: KeysForm, overwrite: boolean): Promise<void> {
    await this.s.host.start();
    await this.s.host.whenIdle();
    const existing = profileSettings(this.s.host.files, form.profile);
    const changes = keysChanges(form);
    const preview = previewChanges(existing, changes);
    if (overwrites(preview) && !overwrite) {
      this.post({ type: 'keysPreview', profile: form.profile, exists: true, changes: preview });
      this.post({
        type: 'formErrors',
        form: 'keys',
        errors: { overwrite: `Profile ${form.profile} already exists. Check what would change (above) and tick the box to confirm, or choose another profile name.` },
      });
      return;
    }
    this.post({ type: 'busy', what: `Writing profile ${form.profile}…` });
    await applySettings(this.env(), { profile: form.profile }, changes);
    this.s.log.info(`Setup guide: wrote access keys for profile ${form.profile}.`);
    await this.s.host.filesChanged('files');
    await this.verify(form.profile);
  }

  // ── result ──────────────────────────────────────────────────────────────

  private async verify(profile: string): Promise<void> {
    this.post({ type: 'busy', what: `Verifying profile ${profile} with AWS STS…` });
    const check = await this.s.host.checkProfile(profile);
    this.post({ type: 'busy', what: null });
    if (!check) {
      this.post({ type: 'notice', level: 'error', message: `Profile ${profile} could not be checked: the AWS files could not be read. See the AWS Prereqs log.` });
      return;
    }
    const inUse = this.s.host.report?.activeProfile === profile;
    this.post({ type: 'result', result: guideResult(check, this.s.host.report, inUse) });
    this.post({ type: 'show', page: 'result' });
  }

  private async useProfile(profile: string): Promise<void> {
    await saveActiveProfile(profile);
    await this.s.host.refresh();
    const check = this.s.host.report?.profiles.find((p) => p.name === profile);
    if (check) this.post({ type: 'result', result: guideResult(check, this.s.host.report, true) });
    this.post({ type: 'notice', level: 'info', message: `AWS Prereqs now checks profile ${profile} first.` });
  }
}
