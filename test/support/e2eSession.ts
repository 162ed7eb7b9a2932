// One browser test's world: moto with real IAM users, a seeded home, code-server with the packaged extension
// installed, and the workbench open in Chromium. Everything is stopped when the test ends (t.after), pass or fail.
import type { TestContext } from 'node:test';
import { join } from 'node:path';
import { REPO_ROOT, codeServerMissing, scratchDir, startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer';
import { seedAwsHome, type SeededHome } from './awsHome';
import { startMoto, motoMissing, type Moto } from './moto';
import { needPeer } from './peers';
import { chromiumMissing, openWorkbench, type Workbench } from './workbench';
import type { Page } from 'playwright-core';
import { rmSync } from 'node:fs';

/** What an e2e test drives. */
export interface E2eSession {
  moto: Moto;
  seeded: SeededHome;
  cs: CodeServer;
  wb: Workbench;
  page: Page;
}

/**
 * Starts moto + seeded home + code-server (packaged .vsix installed) + workbench for test `t`; returns undefined when a
 * peer is missing locally (the test is skipped; under CI=true it fails instead). Stops everything in t.after.
 */
export async function startE2eSession(
  t: TestContext,
  opts: {
    name: string;
    /** Add the duplicate section the AWS CLI v2 refuses (as in the demo). */
    cliRefusedDuplicate?: boolean;
    /** Extra env for code-server and the extension host. */
    env?: Record<string, string>;
    /** 'vsix' (default): the packaged extension, as a user gets it; 'dev': the repo's dist/ via extensionDevelopmentPath. */
    extension?: 'vsix' | 'dev';
    codeServer?: CodeServerOptions;
  } = { name: 'e2e' },
): Promise<E2eSession | undefined> {
  if (!needPeer(t, 'code-server', codeServerMissing())) return undefined;
  if (!needPeer(t, 'chromium', chromiumMissing())) return undefined;
  if (!needPeer(t, 'moto', motoMissing())) return undefined;
  const moto = await startMoto({ auth: true });
  t.after(() => moto.stop());
  const root = scratchDir(`${opts.name}-home`);
  t.after(() => {
    if (process.env.AWS_PREREQS_KEEP_SCRATCH !== '1') rmSync(root, { recursive: true, force: true });
  });
  const seeded = await seedAwsHome(moto, join(root, 'home'), { cliRefusedDuplicate: opts.cliRefusedDuplicate });
  const dev = opts.extension === 'dev';
  const cs = await startCodeServer({
    name: opts.name,
    home: seeded.home,
    // The payload's extensionDevelopmentPath is honoured only with the smoke-test driver enabled.
    ...(dev ? { extension: 'none' as const, smokeTestDriver: true } : {}),
    ...opts.codeServer,
    env: { ...seeded.env, ...opts.env, ...opts.codeServer?.env },
  });
  t.after(() => cs.stop());
  const wb = await openWorkbench(cs, dev ? { url: cs.workbenchUrl({ payload: [['extensionDevelopmentPath', cs.remoteUri(REPO_ROOT)]] }) } : {});
  t.after(() => wb.close());
  return { moto, seeded, cs, wb, page: wb.page };
}
