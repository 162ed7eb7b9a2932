// README documents every problem code: the table between the markers is what scripts/problemTable.ts generates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTable } from '../../scripts/problemTable';

test('README problem table matches src/core/problems.ts (run: node --import tsx scripts/problemTable.ts)', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  assert.equal(withTable(readme), readme, 'README.md is out of date: node --import tsx scripts/problemTable.ts');
});
