// The guide's Region picker offers only real Regions: every code is in the AWS SDK's own endpoint table
// (@aws-sdk/core's partitions), with the same name, and every Region of the commercial partition is offered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REGIONS } from '../../src/core/setupValidation';

test('every offered Region is in the SDK endpoint table, and no commercial Region is missing', async () => {
  const file = join(__dirname, '..', '..', 'node_modules', '@aws-sdk', 'core', 'dist-es', 'submodules', 'client', 'util-endpoints', 'lib', 'aws', 'partitions.js');
  const mod = (await import(pathToFileURL(file).href)) as { partitionsInfo: { partitions: { id: string; regions: Record<string, { description?: string }> }[] } };
  const known = new Map<string, string>();
  for (const p of mod.partitionsInfo.partitions) for (const [code, r] of Object.entries(p.regions)) known.set(code, r.description ?? '');
  for (const r of REGIONS) {
    assert.ok(known.has(r.code), `${r.code} is not in the SDK's table`);
    assert.equal(r.name, known.get(r.code), r.code);
  }
  const commercial = mod.partitionsInfo.partitions.find((p) => p.id === 'aws')!;
  const offered = new Set(REGIONS.map((r) => r.code));
  const missing = Object.keys(commercial.regions).filter((c) => !c.endsWith('-global') && !offered.has(c));
  assert.deepEqual(missing, []);
  assert.equal(new Set(REGIONS.map((r) => r.code)).size, REGIONS.length, 'duplicates');
});
