// The moto harness itself: authentication is really enforced after seeding, and the fault proxy's modes behave.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { needPeer } from '../support/peers';
import { motoMissing, startMoto } from '../support/moto';
import { startFaultProxy } from '../support/faultProxy';

test('moto with auth on: real keys pass, wrong secret and unknown key fail, deleted key fails', async (t) => {
  if (!needPeer(t, 'moto', motoMissing())) return;
  const moto = await startMoto();
  t.after(() => moto.stop());
  const bob = await moto.createUser('bob');
  const ok = await moto.call('sts', 'GetCallerIdentity', {}, bob);
  assert.equal(ok.status, 200);
  assert.match(ok.body, /arn:aws:iam::123456789012:user\/bob/);
  const wrong = await moto.call('sts', 'GetCallerIdentity', {}, { ...bob, secretAccessKey: 'x' + bob.secretAccessKey.slice(1) });
  assert.match(wrong.body, /SignatureDoesNotMatch/);
  const unknown = await moto.call('sts', 'GetCallerIdentity', {}, { ...bob, accessKeyId: 'AKIAZZZZZZZZZZZZZZZZ' });
  assert.match(unknown.body, /InvalidClientTokenId/);
  // An unsigned-by-admin IAM call is refused: bob has no IAM permissions.
  const denied = await moto.call('iam', 'CreateUser', { UserName: 'eve' }, bob);
  assert.equal(denied.status, 403);
  await moto.deleteAccessKey('bob', bob.accessKeyId);
  const gone = await moto.call('sts', 'GetCallerIdentity', {}, bob);
  assert.match(gone.body, /InvalidClientTokenId/);
});

test('fault proxy: pass, refuse, reset, http500', async (t) => {
  if (!needPeer(t, 'moto', motoMissing())) return;
  const moto = await startMoto({ auth: false });
  t.after(() => moto.stop());
  const proxy = await startFaultProxy(moto.port);
  t.after(() => proxy.stop());
  const get = async () => {
    try {
      return String((await fetch(proxy.endpoint + '/moto-api/', { signal: AbortSignal.timeout(2000) })).status);
    } catch (e) {
      return String((e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name);
    }
  };
  assert.equal(await get(), '200');
  await proxy.setMode('refuse');
  assert.equal(await get(), 'ECONNREFUSED');
  await proxy.setMode('reset');
  assert.equal(await get(), 'ECONNRESET');
  await proxy.setMode('http500');
  assert.equal(await get(), '500');
  await proxy.setMode('hang');
  assert.equal(await get(), 'TimeoutError');
  await proxy.setMode('pass');
  assert.equal(await get(), '200');
});
