// A UserError is recognised by its brand, so one thrown by the deferred chunk (its own copy of the class)
// still shows plainly in the activation bundle's command wrapper, where instanceof fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { isUserError, UserError } from '../../src/core/userError';
import { SsoSignInError } from '../../src/node/ssoSignIn';
import { FileChangedError } from '../../src/node/awsFileWriter';

/** A separate bundle of the module, as esbuild makes dist/extension.js and dist/deferred.js: its own class. */
function bundledCopy(): typeof import('../../src/core/userError') {
  const out = buildSync({ entryPoints: [join(__dirname, '..', '..', 'src', 'core', 'userError.ts')], bundle: true, format: 'cjs', platform: 'node', write: false });
  const mod = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', out.outputFiles[0]!.text)(mod, mod.exports);
  return mod.exports as unknown as typeof import('../../src/core/userError');
}

test('a UserError from another bundle: instanceof fails, the brand is recognised both ways', () => {
  const other = bundledCopy();
  const theirs = new other.UserError('Profile dev has no region.');
  assert.equal(theirs instanceof UserError, false, 'the copies are different classes');
  assert.equal(isUserError(theirs), true);
  assert.equal(other.isUserError(new UserError('x')), true);
  assert.equal(theirs.message, 'Profile dev has no region.');
  assert.equal(theirs.name, 'UserError');
});

test('the sign-in and file-writer errors written for people are UserErrors; other errors are not', () => {
  assert.equal(isUserError(new SsoSignInError('denied', 'The sign-in was denied.')), true);
  assert.equal(new SsoSignInError('denied', 'x').name, 'SsoSignInError');
  assert.equal(isUserError(new FileChangedError('/h/.aws/config')), true);
  for (const e of [new Error('boom'), new TypeError('x'), 'text', null, undefined, { message: 'm' }, { awsPrereqsUserError: 'yes', message: 'm' }]) {
    assert.equal(isUserError(e), false, String(e));
  }
});
