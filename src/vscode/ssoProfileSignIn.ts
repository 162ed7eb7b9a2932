// The sidebar's "Sign in" for an IAM Identity Center profile, in the editor: the same device sign-in as the
// setup guide (src/node/ssoSignIn.ts), shown as a cancellable notification with the code, the page opened
// with openExternal (so it opens on the person's own machine in Remote/WSL too), the token cache written
// where the AWS CLI looks, then the profile re-checked. No `aws` on PATH is involved. Lives in the deferred chunk.
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { ssoSignInTarget } from '../core/ssoSignInTarget';
import { UserError } from '../core/userError';
import { signInWithDeviceCode, SsoSignInError, ssoWireFor, type SignInResult } from '../node/ssoSignIn';
import { errorText } from './log';
import type { Services } from './services';

/** Signs profile `name` in to IAM Identity Center with a device code, then verifies it (the tree follows). */
export async function signInSsoProfile(s: Services, name: string): Promise<void> {
  await s.host.start();
  await s.host.whenIdle();
  const files = s.host.files;
  if (!files) throw new UserError('The AWS files could not be read, so there is no profile to sign in. See the log (AWS Prereqs: Show Log).');
  const target = ssoSignInTarget(files.analysis.cli, name);
  if ('error' in target) throw new UserError(target.error);
  const env = process.env;
  const via = target.sessionName !== null ? `sso-session ${target.sessionName}` : `profile ${target.ssoProfile}`;
  const wire = ssoWireFor(env, target.region);
  let result: SignInResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Signing in to IAM Identity Center (${via})`, cancellable: true },
      async (progress, token) => {
        const ac = new AbortController();
        const sub = token.onCancellationRequested(() => ac.abort());
        try {
          return await signInWithDeviceCode({
            wire,
            sessionName: target.sessionName,
            startUrl: target.startUrl,
            region: target.region,
            scopes: target.scopes,
            home: env.HOME || homedir(),
            signal: ac.signal,
            onPending: (a) => {
              progress.report({ message: `Confirm the code ${a.userCode} on the page that opened (${a.verificationUri}).` });
              void vscode.env.openExternal(vscode.Uri.parse(a.verificationUriComplete));
            },
          });
        } finally {
          sub.dispose();
        }
      },
    );
  } catch (err) {
    if (err instanceof SsoSignInError && err.reason === 'cancelled') {
      vscode.window.setStatusBarMessage(`IAM Identity Center sign-in for ${name} cancelled`, 4000);
      return;
    }
    s.log.warn(`IAM Identity Center sign-in for profile ${name} failed: ${errorText(err)}`);
    throw err;
  } finally {
    wire.destroy();
  }
  s.log.info(`Signed in to IAM Identity Center (${via}) for profile ${name}; token cache ${result.cacheFile}, valid until ${result.expiresAt}.`);
  const c = await s.host.checkProfile(name);
  if (c?.identity) {
    void vscode.window.showInformationMessage(`Signed in: profile ${name} works (account ${c.identity.account}).`);
  } else if (c) {
    const p = c.problems.find((x) => x.severity === 'error') ?? c.problems[0];
    void vscode.window.showWarningMessage(`Signed in to IAM Identity Center, but profile ${name} does not work yet: ${p ? p.message : 'it was not verified.'}`);
  }
}
