// The `npm start` demo home, seen in the browser: every profile state is on screen at once once the first check
// ends — healthy, wrong secret, expired IAM Identity Center token, role chain, and the section the AWS CLI refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startE2eSession } from '../support/e2eSession';
import { openOurView, ourViewContainer, screenshot, treeRows, treeSettled } from '../support/workbench';

test('the demo home shows every profile state at once', { timeout: 150_000 }, async (t) => {
  const s = await startE2eSession(t, { name: 'e2e-demo', cliRefusedDuplicate: true });
  if (!s) return;
  const { page, seeded } = s;
  assert.ok(ourViewContainer(), 'package.json contributes the AWS Prereqs view container');
  await openOurView(page);
  await treeSettled(page, { timeoutMs: 60_000 });
  const labels = new Set((await treeRows(page)).map((r) => r.label));
  const p = seeded.profiles;
  for (const name of [p.healthy, p.wrongSecret, p.ssoExpired, p.roleChain, p.duplicate!]) {
    assert.ok(labels.has(name), `profile ${name} is in the tree (rows: ${[...labels].join(', ')})`);
  }
  await page.setViewportSize({ width: 1600, height: 1000 });
  await screenshot(page, 'demo-every-state');
  assert.deepEqual(s.wb.extensionErrors(), [], 'no console errors from our extension');
});
