// The log channel's last line of defence: secrets never reach the Output panel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactLogLine } from '../../src/core/logRedaction';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

test('known secrets, key=value pairs and secret shapes are removed', () => {
  assert.equal(redactLogLine(`oops ${SECRET} here`), 'oops **** here');
  assert.equal(redactLogLine('aws_secret_access_key = abcdef'), 'aws_secret_access_key = ****');
  assert.equal(redactLogLine('{"accessToken":"eyJhbGciOi","x":1}'), '{"accessToken":"****","x":1}');
  assert.equal(redactLogLine('token short-secret-value!', ['short-secret-value']), 'token ****!');
  const token = 'IQoJb3JpZ2luX2VjE'.repeat(10);
  assert.equal(redactLogLine(`session ${token}`), 'session ****');
});

test('ordinary lines survive: ARNs, key IDs, paths', () => {
  const line = 'profile dev: arn:aws:iam::123456789012:user/alice (AKIAIOSFODNN7EXAMPLE) /home/u/.aws/credentials:4';
  assert.equal(redactLogLine(line), line);
  const cache = 'token cache /home/u/.aws/sso/cache/d033e22ae348aeb5660fc2140aec35850c4da997.json';
  assert.equal(redactLogLine(cache), cache);
});
