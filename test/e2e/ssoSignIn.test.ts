// The sidebar's "Sign in" on an IAM Identity Center profile whose token has expired, in a real VS Code
// (code-server + Chromium): the device sign-in runs in the editor (no `aws` on PATH involved — the one first
// here is a CLI v1), against the wire-level fake of SSO-OIDC and the portal (a fake because no real peer
// exists) handing out role credentials moto really issued. The code shows in a cancellable notification,
// the token cache is written where the AWS CLI reads it, and the profile turns from error to ok in the tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ssoCacheFileName } from '../support/awsHome';
import { startE2eSession } from '../support/e2eSession';
import { startSsoFake } from '../support/ssoFake';
import { openOurView, screenshot, treeRow, treeSettled } from '../support/workbench';

/** Closes VS Code's "open external website?" dialog if one appears (openExternal of the sign-in page). */
async function dismissOpenDialog(page: Page): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
  if (await dialog.isVisible().catch(() => false)) {
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
  }
}

/** Clicks the inline "Sign In…" action of a profile row (shown on hover). */
async function clickSignIn(page: Page, profile: string): Promise<void> {
  const row = treeRow(page, profile);
  await row.hover();
  await row.locator('.action-label[aria-label^="Sign In"]').click();
}

/** The notification toast whose text matches. */
const toast = (page: Page, text: RegExp) => page.locator('.notifications-toasts .notification-toast').filter({ hasText: text }).first();

test('tree: Sign in on an expired IAM Identity Center profile signs in in the editor and the profile turns ok', { timeout: 240_000 }, async (t) => {
  let roleCreds: { accessKeyId: string; secretAccessKey: string; sessionToken: string } | null = null;
  let accountId = '';
  const fake = await startSsoFake({
    interval: 1,
    accounts: [{ accountId: '123456789012', accountName: 'Sandbox', emailAddress: 'sandbox@example.com', roles: ['ReadOnly'] }],
    roleCredentials: (acct, role) => (acct === accountId && role === 'ReadOnly' ? roleCreds : null),
  });
  t.after(() => fake.close());
  const s = await startE2eSession(t, { name: 'e2e-sso-signin', env: { AWS_ENDPOINT_URL_SSO: fake.url, AWS_ENDPOINT_URL_SSO_OIDC: fake.url } });
  if (!s) return;
  const { page, moto, seeded } = s;
  accountId = moto.accountId;
  const role = await moto.createRole('AWSReservedSSO_ReadOnly', { trustedArns: '*' });
  const dana = await moto.createUser('dana', { assumableRoles: [role.arn] });
  const session = await moto.assumeRole(dana, role.arn, { sessionName: 'dana@example.com' });
  roleCreds = { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken };

  await openOurView(page);
  await treeSettled(page);
  const row = treeRow(page, seeded.profiles.ssoExpired);
  if ((await row.count()) === 0 || !(await row.isVisible())) await treeRow(page, 'Credentials').click();
  await row.locator('.codicon-error').waitFor({ timeout: 30_000 });
  const cacheFile = join(seeded.home, '.aws', 'sso', 'cache', ssoCacheFileName('demo-sso'));
  const expired = readFileSync(cacheFile, 'utf8');

  // Cancel: the notification's Cancel stops the waiting; nothing is written.
  await clickSignIn(page, seeded.profiles.ssoExpired);
  const pending = toast(page, /Confirm the code/);
  await pending.waitFor({ timeout: 30_000 });
  await dismissOpenDialog(page);
  assert.match((await pending.textContent()) ?? '', new RegExp(`Confirm the code ${fake.lastUserCode()}`));
  await pending.hover();
  await pending.locator('.action-label[aria-label="Cancel"], .monaco-button:text("Cancel")').first().click();
  await pending.waitFor({ state: 'detached', timeout: 15_000 });
  assert.equal(readFileSync(cacheFile, 'utf8'), expired, 'a cancelled sign-in writes nothing');

  // Sign in again: the code in the notification is the service's; the person confirms it (the fake's approve).
  await clickSignIn(page, seeded.profiles.ssoExpired);
  const second = toast(page, /Confirm the code/);
  await second.waitFor({ timeout: 30_000 });
  await dismissOpenDialog(page);
  const code = fake.lastUserCode()!;
  assert.match((await second.textContent()) ?? '', new RegExp(`Confirm the code ${code} on the page that opened`));
  assert.match((await second.textContent()) ?? '', /Signing in to IAM Identity Center \(sso-session demo-sso\)/);
  await screenshot(page, 'sso-signin-notification');
  fake.approve(code);

  // The profile turns ok (green) in the tree, with the role's account; the person is told.
  await row.locator('.codicon-pass').waitFor({ timeout: 60_000 });
  assert.equal(await row.locator('.codicon-error').count(), 0);
  await toast(page, new RegExp(`Signed in: profile ${seeded.profiles.ssoExpired} works \\(account ${moto.accountId}\\)`)).waitFor({ timeout: 30_000 });
  await screenshot(page, 'sso-signin-tree-ok');

  // The token cache is the AWS CLI's file, written as the CLI writes it (0600, its key order), with the issued token.
  const written = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, string>;
  assert.deepEqual(Object.keys(written).slice(0, 7), ['startUrl', 'region', 'accessToken', 'expiresAt', 'clientId', 'clientSecret', 'registrationExpiresAt']);
  assert.equal(written.startUrl, 'https://demo-sso.awsapps.com/start');
  assert.ok(fake.issuedTokens().includes(written.accessToken!));
  assert.equal(statSync(cacheFile).mode & 0o777, 0o600);
  // Both sign-ins went to the fake's OIDC API, registered once (the second reused the cached registration).
  assert.equal(fake.log.filter((l) => l.path === '/client/register').length, 1);
  assert.equal(fake.log.filter((l) => l.path === '/device_authorization').length, 2);
  assert.deepEqual(s.wb.extensionErrors(), [], 'no console errors from our extension');
});
