// The setup guide in a real VS Code (code-server + Chromium), as a person uses it: bad input in every field
// and the messages shown, the access-key path (a real key from moto with SigV4 on; a wrong secret; the
// overwrite warning), the IAM Identity Center path (device sign-in against the wire-level fake of the OIDC
// and portal APIs — a fake because no real peer exists — handing out role credentials moto really issued),
// "Use this profile", the tree turning green, and screenshots of every page in the dark and light themes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { startE2eSession } from '../support/e2eSession';
import { startSsoFake } from '../support/ssoFake';
import { openOurView, runCommand, screenshot, statusBarItem, treeRow, webviewFrame } from '../support/workbench';

const START_URL = 'https://d-1234567890.awsapps.com/start';

/** Waits until the tree has no spinner and no "checking" row. */
async function settled(page: Page): Promise<void> {
  await page
    .locator('[id="workbench.view.extension.awsPrereqs"] .monaco-list-row .codicon-loading')
    .first()
    .waitFor({ state: 'detached', timeout: 30_000 });
  await page.waitForFunction(
    `![...document.querySelectorAll('[id="workbench.view.extension.awsPrereqs"] .label-description')].some((e) => /checking/.test(e.textContent || ''))`,
    undefined,
    { timeout: 30_000 },
  );
}

/** Closes VS Code's "open external website?" dialog if one appears (openExternal of the sign-in page). */
async function dismissOpenDialog(page: Page): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box');
  if (await dialog.isVisible().catch(() => false)) {
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
  }
}

/** 'dark' or 'light': the workbench's current theme kind. */
async function themeKind(page: Page): Promise<'dark' | 'light'> {
  const cls = (await page.locator('.monaco-workbench').first().getAttribute('class')) ?? '';
  return /\bvs-dark\b|\bhc-black\b/.test(cls) ? 'dark' : 'light';
}

/** Expands a top-level row of our tree when it is collapsed (profiles sit under "Credentials"). */
async function expand(page: Page, label: string): Promise<void> {
  const row = treeRow(page, label);
  await row.waitFor({ timeout: 30_000 });
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
}

async function setTheme(page: Page, label: string): Promise<void> {
  await runCommand(page, 'Preferences: Color Theme');
  const input = page.locator('.quick-input-widget input');
  await input.fill(label);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** The message shown under a field of the guide. */
async function fieldMessage(g: FrameLocator, id: string): Promise<string> {
  const m = g.locator(`#${id}-msg`);
  await m.waitFor({ state: 'visible', timeout: 10_000 });
  return ((await m.textContent()) ?? '').trim();
}

async function go(g: FrameLocator, page: 'start' | 'login' | 'sso' | 'keys'): Promise<void> {
  if (page === 'start') {
    const back = g.locator('section:not([hidden]) [data-go="start"]').first();
    if (await back.isVisible().catch(() => false)) await back.click();
  } else {
    await go(g, 'start');
    await g.locator(`#go-${page}`).click();
  }
  await g.locator(`#page-${page}-title`).waitFor({ state: 'visible' });
}

test('setup guide: bad input, the access-key path and the IAM Identity Center path, in both themes', { timeout: 300_000 }, async (t) => {
  // The fake needs the session's moto: start the session first with the endpoints the fake will take.
  let roleCreds: { accessKeyId: string; secretAccessKey: string; sessionToken: string } | null = null;
  const fake = await startSsoFake({
    interval: 1,
    accounts: [
      { accountId: '123456789012', accountName: 'Sandbox', emailAddress: 'sandbox@example.com', roles: ['PowerUser', 'ReadOnly'] },
      { accountId: '210987654321', accountName: 'Audit', emailAddress: 'audit@example.com', roles: ['ReadOnly'] },
    ],
    roleCredentials: (acct, role) => (acct === '123456789012' && role === 'PowerUser' ? roleCreds : null),
  });
  t.after(() => fake.close());
  const s = await startE2eSession(t, { name: 'e2e-guide', env: { AWS_ENDPOINT_URL_SSO: fake.url, AWS_ENDPOINT_URL_SSO_OIDC: fake.url } });
  if (!s) return;
  const { page, moto } = s;
  const role = await moto.createRole('AWSReservedSSO_PowerUser', { trustedArns: '*' });
  const carol = await moto.createUser('carol', { assumableRoles: [role.arn] });
  const session = await moto.assumeRole(carol, role.arn, { sessionName: 'carol@example.com' });
  roleCreds = { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken };

  await openOurView(page);
  await settled(page);
  // Screenshots are named by theme: the first pass runs in the workbench's default theme, the second in the other.
  const first = await themeKind(page);
  const other = first === 'dark' ? 'light' : 'dark';
  await runCommand(page, 'AWS Prereqs: Open Setup Guide');
  const g = webviewFrame(page);
  await g.locator('#page-start-title').waitFor({ timeout: 30_000 });
  await g.locator('#steps li.step').first().waitFor({ timeout: 30_000 });
  const steps = await g.locator('#steps li.step').allTextContents();
  assert.equal(steps.length, 4, steps.join('\n'));
  assert.match(steps[0]!, /An AWS account/);
  for (const id of ['login', 'sso', 'keys']) assert.ok(await g.locator(`#go-${id}`).isVisible(), `path ${id} offered`);
  assert.match((await g.locator('#page-start').textContent()) ?? '', /Not recommended/);
  await screenshot(page, `guide-start-${first}`);
  // The page runs under a strict CSP: nothing but our nonce'd script and the webview's own resources.
  const csp = (await g.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
  assert.match(csp, /^default-src 'none'; /);
  // Scripts by nonce only; styles, images and fonts only from the webview's cspSource (VS Code's own origin).
  assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]+'$/);
  assert.doesNotMatch(csp, /unsafe-(inline|eval)|https?:\/\/(?!\*\.vscode-cdn\.net)/);

  // Keyboard only: Enter on a path's button opens it with the heading focused; Tab reaches the first field.
  await g.locator('#go-sso').focus();
  await page.keyboard.press('Enter');
  await g.locator('#page-sso-title').waitFor({ state: 'visible' });
  assert.equal(await g.locator('#page-sso-title').evaluate((el) => el === el.ownerDocument.activeElement), true);
  await page.keyboard.press('Tab');
  await page.keyboard.type('https://d-1.awsapps.com/start');
  assert.equal(await g.locator('#sso-startUrl').inputValue(), 'https://d-1.awsapps.com/start');
  await go(g, 'start');

  // ── console credentials: the CLI here is 2.9.19 (or v1 first on PATH): the guide says why not, and how ──
  await go(g, 'login');
  const why = g.locator('#login-unavailable');
  await why.waitFor({ state: 'visible' });
  assert.match((await why.textContent()) ?? '', /aws login needs|not installed/);
  assert.equal(await g.locator('#login-run').isDisabled(), true);
  await g.locator('#login-profile').fill('two words');
  await g.locator('#login-check').click();
  assert.match(await fieldMessage(g, 'login-profile'), /characters AWS tools ignore/);
  await screenshot(page, `guide-login-${first}`);

  // ── access keys: bad input in every field ──
  await go(g, 'keys');
  await g.locator('#keys-profile').fill('my profile');
  await g.locator('#keys-accessKeyId').fill('AKIA123');
  await g.locator('#keys-secretAccessKey').fill('too-short');
  await g.locator('#keys-save').click();
  assert.match(await fieldMessage(g, 'keys-profile'), /characters AWS tools ignore/);
  assert.match(await fieldMessage(g, 'keys-accessKeyId'), /20 characters long; this one has 7/);
  assert.match(await fieldMessage(g, 'keys-secretAccessKey'), /40 characters long; this one has 9/);
  // The first bad field has the focus, and is marked invalid for screen readers.
  assert.equal(await g.locator('#keys-profile').getAttribute('aria-invalid'), 'true');
  assert.equal(await g.locator('#keys-profile').evaluate((el) => el === el.ownerDocument.activeElement), true);
  // A secret in the key-ID field, and an ASIA key without its session token.
  await g.locator('#keys-accessKeyId').fill(carol.secretAccessKey);
  assert.match(await fieldMessage(g, 'keys-accessKeyId'), /looks like a secret access key/);
  await g.locator('#keys-accessKeyId').fill(session.accessKeyId);
  await g.locator('#keys-sessionToken').waitFor({ state: 'visible' });
  await g.locator('#keys-save').click();
  assert.match(await fieldMessage(g, 'keys-sessionToken'), /needs its session token/);
  await screenshot(page, `guide-keys-errors-${first}`);

  // Overwrite warning: the existing default profile, what would change, and a refusal until confirmed.
  await g.locator('#keys-profile').fill('default');
  await g.locator('#keys-accessKeyId').fill(carol.accessKeyId);
  await g.locator('#keys-secretAccessKey').fill(carol.secretAccessKey);
  await g.locator('#keys-preview table').waitFor({ timeout: 10_000 });
  const preview = (await g.locator('#keys-preview').textContent()) ?? '';
  assert.match(preview, /already exists/);
  assert.match(preview, /aws_access_key_id.*replace/s);
  assert.doesNotMatch(preview, new RegExp(carol.secretAccessKey.replace(/[+/]/g, '.')));
  await g.locator('#keys-save').click();
  assert.match(await fieldMessage(g, 'keys-overwrite'), /already exists\. Check what would change \(above\) and tick the box/);
  await screenshot(page, `guide-keys-overwrite-${first}`);
  // Confirmed: the existing profile now holds carol's key, and it verifies.
  await g.locator('#keys-overwrite').check();
  await g.locator('#keys-save').click();
  await g.locator('#page-result-title', { hasText: 'Profile default works' }).waitFor({ timeout: 30_000 });
  assert.equal(await g.locator('#result-arn').textContent(), 'arn:aws:iam::123456789012:user/carol');
  await go(g, 'keys');

  // A wrong secret: saved, then the engine's words say what to fix.
  await g.locator('#keys-profile').fill('guide-wrong');
  const wrong = carol.secretAccessKey.slice(0, 39) + (carol.secretAccessKey.endsWith('A') ? 'B' : 'A');
  await g.locator('#keys-secretAccessKey').fill(wrong);
  await g.locator('#keys-save').click();
  await g.locator('#page-result-title', { hasText: 'Profile guide-wrong does not work yet' }).waitFor({ timeout: 30_000 });
  assert.match((await g.locator('#result-errors').textContent()) ?? '', /secret access key/i);
  await screenshot(page, `guide-result-wrong-secret-${first}`);

  // The real key: verified; the long-term key warning stays; "Use this profile".
  await go(g, 'keys');
  await g.locator('#keys-profile').fill('guide-keys');
  await g.locator('#keys-secretAccessKey').fill(carol.secretAccessKey);
  await g.locator('#keys-save').click();
  await g.locator('#page-result-title', { hasText: 'Profile guide-keys works' }).waitFor({ timeout: 30_000 });
  assert.equal(await g.locator('#result-arn').textContent(), 'arn:aws:iam::123456789012:user/carol');
  assert.match((await g.locator('#result-warnings').textContent()) ?? '', /long-term/i);
  await screenshot(page, `guide-result-keys-${first}`);
  await g.locator('#result-use').click();
  await g.locator('#result-use', { hasText: 'is in use' }).waitFor({ timeout: 30_000 });
  await settled(page);
  await expand(page, 'Credentials');
  // It works and is active; a long-term key keeps it at "warning" (not green) — that is the point of the warning.
  const keysRow = treeRow(page, 'guide-keys');
  await keysRow.locator('.codicon-warning').waitFor({ timeout: 30_000 });
  await keysRow.locator('.label-description', { hasText: /^active · access keys · 123456789012/ }).waitFor({ timeout: 30_000 });
  assert.equal(await keysRow.locator('.codicon-error').count(), 0);
  await statusBarItem(page, /AWS: guide-keys/).waitFor({ timeout: 30_000 });
  await screenshot(page, 'guide-tree-keys-green');

  // ── IAM Identity Center: bad input in every field ──
  await go(g, 'sso');
  await g.locator('#sso-startUrl').fill('http://example.com/start');
  await g.locator('#sso-sessionName').fill('my sso');
  await g.locator('#sso-scopes').fill(' , ');
  await g.locator('#sso-start').click();
  assert.match(await fieldMessage(g, 'sso-startUrl'), /must begin with https/);
  assert.match(await fieldMessage(g, 'sso-sessionName'), /characters AWS tools ignore/);
  assert.match(await fieldMessage(g, 'sso-scopes'), /at least one scope/);
  await g.locator('#sso-startUrl').fill('https://example.com/start');
  assert.match(await fieldMessage(g, 'sso-startUrl'), /example\.com is not an AWS access portal/);
  await screenshot(page, `guide-sso-errors-${first}`);

  // Sign in: the code is shown; the person confirms it (the fake's approve = the browser's Allow).
  await g.locator('#sso-startUrl').fill(START_URL);
  await g.locator('#sso-sessionName').fill('e2e-sso');
  await g.locator('#sso-scopes').fill('sso:account:access');
  await g.locator('#sso-start').click();
  const code = g.locator('#sso-user-code');
  await code.waitFor({ timeout: 30_000 });
  await dismissOpenDialog(page);
  // Cancel stops the waiting at once; signing in again starts a new code.
  const firstCode = await code.textContent();
  await g.locator('#sso-cancel').click();
  await g.locator('#sso-status', { hasText: 'Sign-in cancelled' }).waitFor({ timeout: 10_000 });
  await g.locator('#sso-start').click();
  await g.locator('#sso-user-code').waitFor({ timeout: 30_000 });
  await dismissOpenDialog(page);
  assert.notEqual(await code.textContent(), firstCode);
  assert.equal(await code.textContent(), fake.lastUserCode());
  await screenshot(page, `guide-sso-code-${first}`);
  fake.approve();
  await g.locator('#sso-roles').waitFor({ timeout: 30_000 });
  const roles = await g.locator('#sso-roles input[type="radio"]').count();
  assert.equal(roles, 3);
  await g.locator('input[data-account="123456789012"][data-role="PowerUser"]').check();
  // An existing profile is never silently replaced.
  await g.locator('#ssoProfile-profile').fill('default');
  await g.locator('#sso-save').click();
  assert.match(await fieldMessage(g, 'ssoProfile-profile'), /Profile default already exists, and saving would change .*aws_access_key_id/);
  await g.locator('#ssoProfile-profile').fill('sso-power');
  await screenshot(page, `guide-sso-accounts-${first}`);
  await g.locator('#sso-save').click();
  await g.locator('#page-result-title', { hasText: 'Profile sso-power works' }).waitFor({ timeout: 30_000 });
  assert.equal(await g.locator('#result-arn').textContent(), session.arn);
  await screenshot(page, `guide-result-sso-${first}`);
  await g.locator('#result-use').click();
  await g.locator('#result-use', { hasText: 'is in use' }).waitFor({ timeout: 30_000 });
  await settled(page);
  await expand(page, 'Credentials');
  // Short-lived role credentials from IAM Identity Center: nothing left to warn about — green.
  await treeRow(page, 'sso-power').locator('.codicon-pass').waitFor({ timeout: 30_000 });
  await treeRow(page, 'sso-power').locator('.label-description', { hasText: /^active · IAM Identity Center/ }).waitFor({ timeout: 30_000 });
  await statusBarItem(page, /AWS: sso-power/).waitFor({ timeout: 30_000 });
  await screenshot(page, 'guide-tree-sso-green');

  // ── the other theme: every page again ──
  await setTheme(page, other === 'dark' ? 'Dark Modern' : 'Light Modern');
  assert.equal(await themeKind(page), other);
  await go(g, 'start');
  await screenshot(page, `guide-start-${other}`);
  await go(g, 'login');
  await screenshot(page, `guide-login-${other}`);
  await go(g, 'sso');
  await screenshot(page, `guide-sso-accounts-${other}`);
  await go(g, 'keys');
  await g.locator('#keys-profile').fill('bad name');
  await g.locator('#keys-save').click();
  await fieldMessage(g, 'keys-profile');
  await screenshot(page, `guide-keys-errors-${other}`);
  // Saving the same key again changes nothing and shows the result page.
  await g.locator('#keys-profile').fill('guide-keys');
  await g.locator('#keys-save').click();
  await g.locator('#page-result-title', { hasText: 'Profile guide-keys works' }).waitFor({ timeout: 30_000 });
  await screenshot(page, `guide-result-keys-${other}`);

  // High contrast: the same page stays readable (only theme variables are used).
  await setTheme(page, 'Dark High Contrast');
  await screenshot(page, 'guide-result-keys-hc');
  await go(g, 'keys');
  await screenshot(page, 'guide-keys-hc');

  // Hide and restore the panel: the page reloads from its saved drafts — which never hold the secret.
  await runCommand(page, 'File: New Untitled Text File');
  await page.locator('.tabs-container .tab', { hasText: 'AWS Setup Guide' }).click();
  const g2 = webviewFrame(page);
  await g2.locator('#page-keys-title').waitFor({ state: 'visible', timeout: 30_000 });
  assert.equal(await g2.locator('#keys-profile').inputValue(), 'guide-keys');
  assert.equal(await g2.locator('#keys-accessKeyId').inputValue(), carol.accessKeyId);
  assert.equal(await g2.locator('#keys-secretAccessKey').inputValue(), '');
  assert.equal(await g2.locator('#sso-startUrl').inputValue(), START_URL);
  assert.equal(await g2.locator('#sso-sessionName').inputValue(), 'e2e-sso');
  assert.deepEqual(s.wb.extensionErrors(), []);
});
