// The token cache text is the AWS CLI's, byte for byte: Python json.dumps defaults, CLI key order, file names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheTime, clientName, isCacheExpired, pyJsonDumps, registrationKeyInput, tokenCacheKey, tokenCacheText } from '../../src/core/ssoTokenCache';
import { tokenCacheFile } from '../../src/node/ssoSignIn';

test('file names: SHA-1 of the sso-session name (shared conformance vectors)', () => {
  const data = JSON.parse(readFileSync('/work/shared/conformance/sso-cache-keys.json', 'utf8')) as {
    vectors: { kind: string; identifier: string; sha1: string }[];
  };
  const sessions = data.vectors.filter((v) => v.kind === 'sso-session-name');
  assert.ok(sessions.length >= 5);
  for (const v of sessions) assert.equal(tokenCacheFile('/h', v.identifier), join('/h', '.aws', 'sso', 'cache', `${v.sha1}.json`));
});

test('pyJsonDumps writes what Python json.dumps writes', () => {
  // Outputs below were produced by python3 -c 'import json; print(json.dumps(...))'.
  assert.equal(pyJsonDumps({ a: 'x', b: ['y', 'z'], c: null }), '{"a": "x", "b": ["y", "z"], "c": null}');
  assert.equal(pyJsonDumps('é\u2028\x7f"\\\n'), '"\\u00e9\\u2028\\u007f\\"\\\\\\n"');
  assert.equal(pyJsonDumps('😀'), '"\\ud83d\\ude00"');
  assert.equal(pyJsonDumps({ z: 1, a: 2 }, true), '{"a": 2, "z": 1}');
});

test('the registration cache key matches botocore for a known input', () => {
  // python3: json.dumps({'tool':'botocore','startUrl':U,'region':'us-east-1','scopes':['sso:account:access'],'session_name':'dev'}, sort_keys=True)
  const input = registrationKeyInput('https://d-1234567890.awsapps.com/start', 'us-east-1', ['sso:account:access'], 'dev');
  assert.equal(input, '{"region": "us-east-1", "scopes": ["sso:account:access"], "session_name": "dev", "startUrl": "https://d-1234567890.awsapps.com/start", "tool": "botocore"}');
  assert.equal(registrationKeyInput('u', 'r', [], 's'), '{"region": "r", "scopes": null, "session_name": "s", "startUrl": "u", "tool": "botocore"}');
  assert.match(createHash('sha1').update(input).digest('hex'), /^[0-9a-f]{40}$/);
});

test('token text: CLI key order, UTC seconds, refresh token last and optional', () => {
  const t = {
    startUrl: 'https://d-1.awsapps.com/start',
    region: 'eu-west-1',
    accessToken: 'at',
    expiresAt: cacheTime(Date.UTC(2026, 10, 23, 18, 0, 0, 999)),
    clientId: 'ci',
    clientSecret: 'cs',
    registrationExpiresAt: '2027-02-21T18:00:00Z',
  };
  assert.equal(
    tokenCacheText(t),
    '{"startUrl": "https://d-1.awsapps.com/start", "region": "eu-west-1", "accessToken": "at", "expiresAt": "2026-11-23T18:00:00Z", "clientId": "ci", "clientSecret": "cs", "registrationExpiresAt": "2027-02-21T18:00:00Z"}',
  );
  assert.ok(tokenCacheText({ ...t, refreshToken: 'rt' }).endsWith(', "refreshToken": "rt"}'));
});

test('expiry: the CLI treats anything within 15 minutes as expired', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  assert.equal(isCacheExpired('2026-01-01T12:16:00Z', now), false);
  assert.equal(isCacheExpired('2026-01-01T12:14:00Z', now), true);
  assert.equal(isCacheExpired('garbage', now), true);
});

test('legacy profiles (no sso-session): the token is named by the start URL, the client by the time (botocore)', () => {
  const data = JSON.parse(readFileSync('/work/shared/conformance/sso-cache-keys.json', 'utf8')) as {
    vectors: { kind: string; identifier: string; sha1: string }[];
  };
  const legacy = data.vectors.filter((v) => v.kind === 'legacy-sso_start_url');
  assert.ok(legacy.length >= 2);
  for (const v of legacy) assert.equal(tokenCacheFile('/h', tokenCacheKey(null, v.identifier)), join('/h', '.aws', 'sso', 'cache', `${v.sha1}.json`));
  assert.equal(tokenCacheKey('corp', 'https://d-1.awsapps.com/start'), 'corp');
  assert.equal(clientName('corp', 0), 'botocore-client-corp');
  assert.equal(clientName(null, 1_700_000_000_999), 'botocore-client-1700000000');
});
