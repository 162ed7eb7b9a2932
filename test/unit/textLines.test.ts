import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitLines, joinLines, dominantEol } from '../../src/core/textLines';

test('split/join is the identity on any string', () => {
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\r', '\r\n', '\uFEFF', '[', '=', '#', 'é') }), (s) => joinLines(splitLines(s)) === s), { numRuns: 2000 });
});

test('lines keep numbers, endings and BOM', () => {
  const s = splitLines('\uFEFF[a]\r\nk=v\nlast');
  assert.equal(s.bom, true);
  assert.deepEqual(s.lines.map((l) => [l.line, l.text, l.eol]), [[1, '[a]', '\r\n'], [2, 'k=v', '\n'], [3, 'last', '']]);
  assert.equal(dominantEol(splitLines('a\r\nb\r\nc\n')), '\r\n');
});
