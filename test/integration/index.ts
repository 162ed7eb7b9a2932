// The extension-host test entry: VS Code loads this bundle (out/test/index.js) inside its extension host and calls
// run(); it resolves when every mocha test passed. Suites are listed explicitly so the bundle contains them.
import Mocha from 'mocha';
import { format } from 'node:util';

/** Prefix of every line mocha prints here, so the harness can relay the suite's output and drop workbench chatter. */
export const OUTPUT_PREFIX = '[exthost-test] ';

/** Called by VS Code (extensionTestsPath) inside the extension host; rejects when a test fails. */
export async function run(): Promise<void> {
  // The extension host forwards console output to the workbench's console, mixed with its own logs.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(OUTPUT_PREFIX + format(...args));
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.AWS_PREREQS_TEST_TIMEOUT_MS ?? 30_000),
    ...(process.env.AWS_PREREQS_TEST_GREP ? { grep: process.env.AWS_PREREQS_TEST_GREP } : {}),
  });
  // Expose describe/it/before… before the suite modules run (esbuild defers a require()d module until the call).
  mocha.suite.emit('pre-require', globalThis, 'index', mocha);
  // One line per suite file test/integration/*.suite.ts.
  require('./smoke.suite');
  require('./sidebar.suite');
  require('./guide.suite');
  let ran = 0;
  const skipped: string[] = [];
  const failures = await new Promise<number>((resolve) =>
    mocha
      .run(resolve)
      .on('test end', () => ran++)
      .on('pending', (t) => skipped.push(t.fullTitle())),
  );
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
  // A run that executed nothing proves nothing (a suite not required above, or a --grep that matches nothing).
  if (ran === 0) throw new Error('no extension-host test ran');
  // As in the other stages, a skip under CI would hide a failure.
  if (process.env.CI === 'true' && skipped.length) throw new Error(`CI=true and ${skipped.length} extension-host test(s) skipped: ${skipped.join('; ')}`);
}
