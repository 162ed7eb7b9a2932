// Our Python emulation (shlex.split for section names, str.strip/isspace, str.splitlines) against the real
// Python 3 that runs /usr/bin/aws, on thousands of generated strings in one python process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { needPeer } from '../support/peers';
import { pySplitLines, pyStrip, shlexSplit } from '../../src/core/pyText';

const PYTHON = '/usr/bin/python3';
const SCRIPT = `
import json, shlex, sys
for raw in sys.stdin:
    s = json.loads(raw)
    try:
        sh = shlex.split(s)
    except ValueError:
        sh = None
    print(json.dumps([sh, s.strip(), s.splitlines()]))
`;

test('shlex.split, str.strip and str.splitlines agree with Python 3 on generated strings', { timeout: 120_000 }, (t) => {
  if (!needPeer(t, 'python3', existsSync(PYTHON) ? null : `${PYTHON} not found`)) return;
  const alphabet = fc.constantFrom('a', 'b', ' ', '\t', '"', "'", '\\', 'é', '\u00a0', '\u2003', '\x1c', '\x0b', '\r', '\n', '\r\n', '\u2028', '\ufeff', '#');
  const inputs = fc.sample(fc.array(alphabet, { maxLength: 14 }).map((a) => a.join('')), { numRuns: 4000, seed: 42 });
  inputs.push('profile "my profile"', "profile 'a b'", 'profile a\\ b', 'profile "unclosed', 'profile ""', 'profile "a\\"b"', 'profile a\\');
  const r = spawnSync(PYTHON, ['-c', SCRIPT], { input: inputs.map((s) => JSON.stringify(s)).join('\n') + '\n', encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8' } });
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as [string[] | null, string, string[]]);
  assert.equal(out.length, inputs.length);
  inputs.forEach((s, i) => {
    const [sh, strip, lines] = out[i]!;
    assert.deepEqual(shlexSplit(s), sh, `shlex.split(${JSON.stringify(s)})`);
    assert.equal(pyStrip(s), strip, `strip(${JSON.stringify(s)})`);
    assert.deepEqual(pySplitLines(s), lines, `splitlines(${JSON.stringify(s)})`);
  });
});
