// Python text rules used by the AWS CLI reading (the peer test compares them with Python itself).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PY_SPACE, isPySpaceCode, pyRstrip, pySplitLines, pyStrip, shlexSplit } from '../../src/core/pyText';

test('isPySpaceCode accepts exactly Python 3.11 str.isspace() characters', () => {
  for (let c = 0; c < 0x10000; c++) assert.equal(isPySpaceCode(c), PY_SPACE.includes(String.fromCharCode(c)), `U+${c.toString(16)}`);
});

test('strip uses Python whitespace: NBSP and \\x1c go, U+FEFF stays', () => {
  assert.equal(pyStrip('\u00a0 a \x1c'), 'a');
  assert.equal(pyStrip('\ufeffa'), '\ufeffa');
  assert.equal(pyRstrip('a \u3000'), 'a');
});

test('splitlines breaks on Python line breaks', () => {
  assert.deepEqual(pySplitLines('a\x0bb\u2028c\r\nd\n'), ['a', 'b', 'c', 'd']);
});

test('shlex.split as botocore uses it for section names', () => {
  assert.deepEqual(shlexSplit('profile "my profile"'), ['profile', 'my profile']);
  assert.deepEqual(shlexSplit("profile 'a'"), ['profile', 'a']);
  assert.deepEqual(shlexSplit('profile a\\ b'), ['profile', 'a b']);
  assert.deepEqual(shlexSplit('profile ""'), ['profile', '']);
  assert.equal(shlexSplit('profile "unclosed'), null);
  assert.deepEqual(shlexSplit('profile  a  b'), ['profile', 'a', 'b']);
});
