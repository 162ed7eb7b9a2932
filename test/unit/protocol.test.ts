// The host's validator of webview messages: every shape and value it refuses, and what it lets through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../src/protocol';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const keysForm = { profile: 'dev', accessKeyId: KEY, secretAccessKey: SECRET, sessionToken: '', region: 'us-east-1', output: 'json' };

test('accepts each well-formed message', () => {
  const good: unknown[] = [
    { type: 'ready' },
    { type: 'refresh' },
    { type: 'ssoOpenPage' },
    { type: 'ssoCancel' },
    { type: 'openLink', link: 'signup' },
    { type: 'loginRun', profile: 'dev', region: 'us-east-1' },
    { type: 'loginCheck', profile: 'dev' },
    { type: 'useProfile', profile: 'dev' },
    { type: 'ssoStart', form: { sessionName: 'corp', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'us-east-1', scopes: 'sso:account:access' } },
    { type: 'ssoSave', accountId: '123456789012', roleName: 'AdministratorAccess', form: { profile: 'admin', region: 'us-east-1', output: '' } },
    { type: 'keysPreview', profile: 'dev', accessKeyId: '', region: '', output: '', temporary: false },
    { type: 'keysSave', form: keysForm, overwrite: false },
    { type: 'keysSave', form: { ...keysForm, sessionToken: undefined, output: undefined }, overwrite: true },
  ];
  for (const m of good) {
    const r = parseWebviewMessage(m);
    assert.ok(r.ok, `${JSON.stringify(m)} → ${JSON.stringify(r)}`);
  }
});

test('refuses what is not a message', () => {
  for (const m of [null, undefined, 42, 'ready', [], {}, { type: 3 }, { type: 'nope' }, { type: '__proto__' }, { type: 'constructor' }]) {
    assert.equal(parseWebviewMessage(m).ok, false, JSON.stringify(m));
  }
});

test('refuses extra fields, wrong types and over-long strings', () => {
  const bad: unknown[] = [
    { type: 'ready', extra: 1 },
    { type: 'openLink', link: 'https://evil.example' },
    { type: 'openLink', link: 'toString' },
    { type: 'openLink', link: 'signup', url: 'x' },
    { type: 'loginCheck', profile: 5 },
    { type: 'loginCheck' },
    { type: 'ssoStart', form: null },
    { type: 'ssoStart', form: { sessionName: 'corp', startUrl: 'https://d-1.awsapps.com/start', region: 'us-east-1' } },
    { type: 'ssoStart', form: { sessionName: 'corp', startUrl: 'https://d-1.awsapps.com/start', region: 'us-east-1', scopes: 'a', more: 'x' } },
    { type: 'ssoSave', accountId: '12345', roleName: 'Admin', form: { profile: 'a', region: 'us-east-1', output: '' } },
    { type: 'ssoSave', accountId: '123456789012', roleName: 'bad role', form: { profile: 'a', region: 'us-east-1', output: '' } },
    { type: 'keysSave', form: keysForm },
    { type: 'keysSave', form: keysForm, overwrite: 'yes' },
    { type: 'keysSave', form: { ...keysForm, profile: 'x'.repeat(5000) }, overwrite: false },
    { type: 'keysSave', form: { ...keysForm, secretAccessKey: 7 }, overwrite: false },
    { type: 'keysPreview', profile: 'dev', accessKeyId: '', region: '', output: '' },
  ];
  for (const m of bad) assert.equal(parseWebviewMessage(m).ok, false, JSON.stringify(m));
});

test('refuses bad values with per-field messages the webview can show', () => {
  const r = parseWebviewMessage({ type: 'keysSave', form: { ...keysForm, accessKeyId: 'AKIA123', region: 'mars-1' }, overwrite: false });
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.errors);
  if (!r.ok) {
    assert.deepEqual(Object.keys(r.errors!).sort(), ['accessKeyId', 'region']);
    assert.match(r.errors!.accessKeyId!, /20 characters/);
    // Refusal messages never echo a secret.
    assert.equal(JSON.stringify(r).includes(SECRET), false);
  }
  const s = parseWebviewMessage({ type: 'ssoStart', form: { sessionName: 'a b', startUrl: 'http://x', region: 'us-east-1', scopes: '' } });
  assert.ok(!s.ok && s.errors);
  if (!s.ok) assert.deepEqual(Object.keys(s.errors!).sort(), ['scopes', 'sessionName', 'startUrl']);
  const l = parseWebviewMessage({ type: 'loginRun', profile: 'x y', region: 'nowhere' });
  assert.ok(!l.ok && l.errors?.profile && l.errors.region);
});

test('trims pasted keys before the host sees them', () => {
  const r = parseWebviewMessage({ type: 'keysSave', form: { ...keysForm, accessKeyId: ` ${KEY}\n`, secretAccessKey: `${SECRET} ` }, overwrite: false });
  assert.ok(r.ok);
  if (r.ok && r.message.type === 'keysSave') {
    assert.equal(r.message.form.accessKeyId, KEY);
    assert.equal(r.message.form.secretAccessKey, SECRET);
  }
});
