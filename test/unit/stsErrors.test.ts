// Every wire failure becomes its named problem with plain words; clock skew carries the measured offset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyAwsError, clockOffsetMs, type ErrorContext, type ErrorFacts } from '../../src/core/stsErrors';

const now = Date.parse('2026-11-23T17:00:00Z');
const ctx: ErrorContext = { profile: 'dev', operation: 'GetCallerIdentity', endpoint: 'https://sts.eu-west-1.amazonaws.com', timeoutMs: 5000, now };
const code = (f: ErrorFacts, c: Partial<ErrorContext> = {}) => classifyAwsError(f, { ...ctx, ...c }).code;

test('AWS error codes map to their problems', () => {
  assert.equal(code({ code: 'InvalidClientTokenId', httpStatus: 403 }), 'invalid-access-key-id');
  assert.equal(code({ code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match' }), 'signature-mismatch');
  assert.equal(code({ code: 'ExpiredToken' }), 'expired-token');
  assert.equal(code({ code: 'Throttling' }), 'throttled');
  assert.equal(code({ httpStatus: 429 }), 'throttled');
  assert.equal(code({ code: 'InternalFailure', httpStatus: 500 }), 'service-error');
  assert.equal(code({ code: 'AccessDenied' }, { operation: 'AssumeRole', roleArn: 'arn:aws:iam::1:role/x' }), 'assume-role-failed');
  assert.equal(code({ code: 'UnauthorizedException' }, { operation: 'GetRoleCredentials' }), 'sso-token-expired');
  assert.equal(code({ code: 'ForbiddenException' }, { operation: 'GetRoleCredentials' }), 'sso-failed');
  assert.equal(code({ code: 'InvalidIdentityToken' }, { operation: 'AssumeRoleWithWebIdentity' }), 'web-identity-failed');
});

test('network and TLS failures map to timeout, unreachable, tls-error', () => {
  assert.equal(code({ timedOut: true }), 'timeout');
  assert.equal(code({ code: 'TimeoutError' }), 'timeout');
  assert.equal(code({ errno: 'ECONNREFUSED' }), 'unreachable');
  assert.equal(code({ errno: 'ECONNRESET' }), 'unreachable');
  assert.equal(code({ errno: 'ENOTFOUND' }), 'unreachable');
  assert.equal(code({ errno: 'SELF_SIGNED_CERT_IN_CHAIN' }), 'tls-error');
  assert.equal(code({ errno: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }), 'tls-error');
  assert.equal(code({ cancelled: true }), 'check-skipped');
});

test('clock skew: measured from the Date header, in words, with the direction', () => {
  const ahead = new Date(now + 65 * 60_000).toUTCString();
  assert.equal(clockOffsetMs(ahead, now), 65 * 60_000);
  const p = classifyAwsError({ code: 'SignatureDoesNotMatch', message: 'Signature expired: 20261123T170000Z is now earlier than …', dateHeader: ahead }, ctx);
  assert.equal(p.code, 'clock-skew');
  assert.match(p.message, /65 min behind/);
  const behind = classifyAwsError({ code: 'RequestExpired', dateHeader: new Date(now - 3 * 3600_000).toUTCString() }, ctx);
  assert.match(behind.message, /3 h ahead of/);
});

test('malformed answers are a service-error, not a crash; messages name the profile and host', () => {
  const p = classifyAwsError({ code: 'SyntaxError', message: 'Deserialization error: unexpected end', httpStatus: 200 }, ctx);
  assert.equal(p.code, 'service-error');
  assert.match(p.message, /sts\.eu-west-1\.amazonaws\.com/);
  assert.match(p.message, /`dev`/);
  assert.equal(p.profile, 'dev');
});

test('a wrong secret on a source profile names the source', () => {
  const p = classifyAwsError({ code: 'SignatureDoesNotMatch' }, { ...ctx, profile: 'admin', signingProfile: 'base' });
  assert.match(p.message, /profile `base` \(used by `admin`\)/);
});
