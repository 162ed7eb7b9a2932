// Fix.edits applied losslessly (the quick fixes and the tree's "Apply fix").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitLines } from '../../src/core/textLines';
import { applyLineEdits, LineEditError, minimalReplacement } from '../../src/core/lineEdits';

const F = '/h/.aws/config';
const ed = (startLine: number, deleteCount: number, insert: string[] = []) => ({ file: F, startLine, deleteCount, insert });

test('replace, delete and insert keep every other byte and each line ending', () => {
  const t = '[default]\r\nregion = us-east-1 # prod\r\n\r\n[profile a]\nx = 1\n';
  assert.equal(applyLineEdits(t, [ed(1, 1, ['region = us-east-1'])]), '[default]\r\nregion = us-east-1\r\n\r\n[profile a]\nx = 1\n');
  assert.equal(applyLineEdits(t, [ed(3, 2)]), '[default]\r\nregion = us-east-1 # prod\r\n\r\n');
  assert.equal(applyLineEdits(t, [ed(0, 0, ['# hello'])]), '# hello\r\n' + t);
});

test('BOM and a missing final newline survive; appending after such a line adds one ending', () => {
  assert.equal(applyLineEdits('\uFEFF[a]\nk = v', [ed(1, 1, ['k = w'])]), '\uFEFF[a]\nk = w');
  assert.equal(applyLineEdits('[a]\nk = v', [ed(2, 0, ['j = 1'])]), '[a]\nk = v\nj = 1');
  assert.equal(applyLineEdits('[a]\nk = v\n', [ed(2, 0, ['j = 1'])]), '[a]\nk = v\nj = 1\n');
  assert.equal(applyLineEdits('[a]\nk = v\nj = 1', [ed(2, 1)]), '[a]\nk = v');
});

test('several edits apply against the original line numbers', () => {
  const t = 'a\nb\nc\nd\n';
  assert.equal(applyLineEdits(t, [ed(0, 1, ['A']), ed(2, 1, ['C', 'C2'])]), 'A\nb\nC\nC2\nd\n');
});

test('out-of-range or overlapping edits are refused, not guessed', () => {
  assert.throws(() => applyLineEdits('a\n', [ed(3, 1)]), LineEditError);
  assert.throws(() => applyLineEdits('a\nb\nc\n', [ed(0, 2), ed(1, 1)]), LineEditError);
});

test('property: lines outside an edit are byte-identical; minimalReplacement rebuilds the text', () => {
  const line = fc.stringMatching(/^[^\n\r]{0,12}$/);
  fc.assert(
    fc.property(
      fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n')), { minLength: 1, maxLength: 12 }),
      fc.boolean(),
      fc.nat(),
      fc.nat(3),
      fc.array(line, { maxLength: 3 }),
      (rows, finalNl, s, d, insert) => {
        let text = rows.map(([t, e]) => t + e).join('');
        if (!finalNl) text = text.slice(0, text.endsWith('\r\n') ? -2 : -1);
        const n = splitLines(text).lines.length;
        const start = s % (n + 1);
        const del = Math.min(d, n - start);
        const out = applyLineEdits(text, [ed(start, del, insert)]);
        const before = text.split('\n');
        const after = out.split('\n');
        // Lines before the edit are untouched (the one just before may gain an ending when appending at the very end).
        // (the one just before may gain or lose its ending when the edit is at the very end).
        for (let i = 0; i < start - 1; i++) assert.equal(after[i], before[i]);
        // Lines after it are untouched too, counted from the end.
        const tailCount = n - start - del;
        for (let i = 1; i <= tailCount; i++) assert.equal(after[after.length - i], before[before.length - i]);
        // A final newline stays (a missing one is checked by the examples: an empty last line hides it).
        if (out.length && /\n$/.test(text)) assert.ok(/\n$/.test(out));
        const r = minimalReplacement(text, out);
        assert.equal(text.slice(0, r.start) + r.text + text.slice(r.end), out);
      },
    ),
    { numRuns: 2000 },
  );
});
