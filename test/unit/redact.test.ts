// Redaction: known secrets and credential-shaped assignments never survive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactSecrets, SecretSet } from '../../src/core/redact';

test('known secrets are masked wherever they appear, longest first', () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const out = redactSecrets(`failed: ${secret} and again ${secret}x`, [secret, secret.slice(0, 10)]);
  assert.doesNotMatch(out, /wJalrXUtnF/);
  assert.equal(out, 'failed: **** and again ****x');
});

test('assignments and headers are masked even when the value is unknown', () => {
  assert.equal(redactSecrets('aws_secret_access_key = abc123xyz'), 'aws_secret_access_key = ****');
  assert.equal(redactSecrets('{"SecretAccessKey":"zzz","AccessKeyId":"ASIA1"}'), '{"SecretAccessKey":"****","AccessKeyId":"ASIA1"}');
  assert.equal(redactSecrets('x-amz-security-token: FQoGZXIvYXdz'), 'x-amz-security-token: ****');
});

test('SecretSet remembers what a run saw and ignores short or missing values', () => {
  const s = new SecretSet();
  s.add('tokentokentoken', undefined, 'abc');
  assert.equal(s.redact('tokentokentoken abc'), '**** abc');
  assert.deepEqual(s.values(), ['tokentokentoken']);
});

test('a placeholder secret like `secret` does not garble messages that use the word', () => {
  const s = new SecretSet();
  s.add('secret');
  assert.equal(s.redact('The secret access key is wrong'), 'The secret access key is wrong');
});
