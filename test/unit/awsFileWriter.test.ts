// The node adapter that writes the AWS files: atomic, modes, changed-since-read guard, symlinks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fsp, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, lstatSync, symlinkSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EditError } from '../../src/core/awsFileEdits';
import { applySettings, FileChangedError, FileNotEditableError, fixPermissions, readForEdit, writeAtomic } from '../../src/node/awsFileWriter';

const posix = process.platform !== 'win32';
const modeOf = (p: string) => statSync(p).mode & 0o777;

function tempDir(t: { after: (fn: () => void) => void }): string {
  const d = mkdtempSync(join(tmpdir(), 'aws-prereqs-writer-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

test('creates the missing folder 0700 and a new file 0600', { skip: !posix }, async (t) => {
  const aws = join(tempDir(t), 'home', '.aws');
  const file = join(aws, 'credentials');
  const snap = await readForEdit(file);
  assert.equal(snap.text, null);
  await writeAtomic(snap, '[dev]\naws_access_key_id = AKIA\n');
  assert.equal(readFileSync(file, 'utf8'), '[dev]\naws_access_key_id = AKIA\n');
  assert.equal(modeOf(aws), 0o700);
  assert.equal(modeOf(file), 0o600);
  assert.deepEqual(readdirSync(aws), ['credentials']);
});

test('keeps an existing mode, and tightens it only when asked', { skip: !posix }, async (t) => {
  const d = tempDir(t);
  const file = join(d, 'credentials');
  writeFileSync(file, '[a]\n');
  chmodSync(file, 0o644);
  await writeAtomic(await readForEdit(file), '[a]\nk = 1\n');
  assert.equal(modeOf(file), 0o644);
  await writeAtomic(await readForEdit(file), '[a]\nk = 2\n', { tightenMode: true });
  assert.equal(modeOf(file), 0o600);
  chmodSync(file, 0o640);
  await fixPermissions(file);
  assert.equal(modeOf(file), 0o600);
});

test('refuses to write when the file changed since it was read, and leaves it as the other writer made it', async (t) => {
  const d = tempDir(t);
  const file = join(d, 'config');
  writeFileSync(file, '[default]\nregion = a\n');
  const snap = await readForEdit(file);
  writeFileSync(file, '[default]\nregion = b\n');
  await assert.rejects(writeAtomic(snap, '[default]\nregion = c\n'), (e: unknown) => e instanceof FileChangedError && e.message.includes(file) && !e.message.includes('\n'));
  assert.equal(readFileSync(file, 'utf8'), '[default]\nregion = b\n');
  // A file that appeared after reading "no file" counts as a change too.
  const fresh = join(d, 'credentials');
  const none = await readForEdit(fresh);
  writeFileSync(fresh, '[x]\n');
  await assert.rejects(writeAtomic(none, '[y]\n'), FileChangedError);
  assert.deepEqual(readdirSync(d).sort(), ['config', 'credentials']);
});

test('follows a symlinked file: the target gets the text, the link stays a link', { skip: !posix }, async (t) => {
  const d = tempDir(t);
  mkdirSync(join(d, 'dotfiles'));
  const real = join(d, 'dotfiles', 'aws-config');
  writeFileSync(real, '[default]\n');
  chmodSync(real, 0o640);
  const link = join(d, 'config');
  symlinkSync('dotfiles/aws-config', link);
  const snap = await readForEdit(link);
  assert.equal(snap.realPath, real);
  await writeAtomic(snap, '[default]\nregion = x\n');
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.equal(readFileSync(real, 'utf8'), '[default]\nregion = x\n');
  assert.equal(modeOf(real), 0o640);
  assert.deepEqual(readdirSync(join(d, 'dotfiles')), ['aws-config']);
});

test('leaves no temp file behind when the write fails', async (t) => {
  const d = tempDir(t);
  const file = join(d, 'config');
  writeFileSync(file, 'original');
  const snap = await readForEdit(file);
  const rename = fsp.rename;
  fsp.rename = async () => {
    throw Object.assign(new Error('EXDEV: simulated failure'), { code: 'EXDEV' });
  };
  t.after(() => {
    fsp.rename = rename;
  });
  await assert.rejects(writeAtomic(snap, 'new'), /simulated/);
  fsp.rename = rename;
  assert.deepEqual(readdirSync(d), ['config']);
  assert.equal(readFileSync(file, 'utf8'), 'original');
});

test('refuses to edit a file that is not UTF-8 text or not a file', async (t) => {
  const d = tempDir(t);
  const file = join(d, 'config');
  writeFileSync(file, Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0xff, 0xfe, 0x0a]));
  await assert.rejects(readForEdit(file), FileNotEditableError);
  await assert.rejects(readForEdit(d), FileNotEditableError);
  // A BOM is text: it is kept.
  writeFileSync(file, '\uFEFF[a]\n');
  assert.equal((await readForEdit(file)).text, '\uFEFF[a]\n');
});

test('applySettings routes keys to both files, creates ~/.aws 0700 and files 0600, writes nothing it need not', { skip: !posix }, async (t) => {
  const home = tempDir(t);
  const env = { HOME: home };
  const r = await applySettings(env, { profile: 'dev' }, { region: 'eu-west-1', aws_access_key_id: 'AKIAEXAMPLE', aws_secret_access_key: 'secret' }, 'linux');
  const config = join(home, '.aws', 'config');
  const credentials = join(home, '.aws', 'credentials');
  assert.deepEqual(r.written.sort(), [config, credentials]);
  assert.equal(readFileSync(config, 'utf8'), '[profile dev]\nregion = eu-west-1\n');
  assert.equal(readFileSync(credentials, 'utf8'), '[dev]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n');
  assert.equal(modeOf(join(home, '.aws')), 0o700);
  assert.equal(modeOf(config), 0o600);
  assert.equal(modeOf(credentials), 0o600);
  // The same values again: nothing to write.
  assert.deepEqual((await applySettings(env, { profile: 'dev' }, { region: 'eu-west-1' }, 'linux')).written, []);
  // A removal applies to both files; an sso-session goes to the config file.
  await applySettings(env, { profile: 'dev' }, { aws_secret_access_key: null }, 'linux');
  assert.equal(readFileSync(credentials, 'utf8'), '[dev]\naws_access_key_id = AKIAEXAMPLE\n');
  await applySettings(env, { ssoSession: 'corp' }, { sso_region: 'eu-west-1' }, 'linux');
  assert.match(readFileSync(config, 'utf8'), /\n\[sso-session corp\]\nsso_region = eu-west-1\n$/);
});

test('applySettings with one file for both (AWS_CONFIG_FILE = AWS_SHARED_CREDENTIALS_FILE) composes the edits', async (t) => {
  const d = tempDir(t);
  const file = join(d, 'aws');
  const env = { HOME: d, AWS_CONFIG_FILE: file, AWS_SHARED_CREDENTIALS_FILE: file };
  await applySettings(env, { profile: 'dev' }, { region: 'x', aws_access_key_id: 'AKIA' }, 'linux');
  assert.equal(readFileSync(file, 'utf8'), '[profile dev]\nregion = x\n\n[dev]\naws_access_key_id = AKIA\n');
});

test('applySettings names the file when an edit is refused, and writes neither file', async (t) => {
  const d = tempDir(t);
  const config = join(d, 'config');
  writeFileSync(config, '[profile dev]\rregion = a\n');
  const env = { HOME: d, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(d, 'credentials') };
  await assert.rejects(applySettings(env, { profile: 'dev' }, { region: 'b', aws_access_key_id: 'AKIA' }, 'linux'), (e: unknown) => e instanceof EditError && e.message.startsWith(`${config}: `) && /lone carriage return/.test(e.message));
  assert.deepEqual(readdirSync(d), ['config']);
  assert.equal(readFileSync(config, 'utf8'), '[profile dev]\rregion = a\n');
});
