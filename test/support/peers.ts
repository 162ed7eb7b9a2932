// Real peers for tests (the AWS CLI v2, moto, code-server): find them, and refuse to skip under CI.
import type { TestContext } from 'node:test';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** The reference reader: Debian's AWS CLI v2 (the `aws` first on PATH here is a v1). */
export const AWS_CLI_V2 = process.env.AWS_PREREQS_TEST_AWS_V2 ?? '/usr/bin/aws';

/** True when tests run under CI, where a missing peer is a failure, never a skip. */
export const inCi = process.env.CI === 'true';

/**
 * Call at the start of a peer test. `missing` is null when the peer is there, else why not.
 * Outside CI the test is skipped with the reason; under CI it fails.
 */
export function needPeer(t: TestContext, name: string, missing: string | null): boolean {
  if (missing === null) return true;
  if (inCi) throw new Error(`peer ${name} is unavailable under CI=true (a skip would hide a failure): ${missing}`);
  t.skip(`${name} unavailable: ${missing}`);
  return false;
}

/** Why the AWS CLI v2 cannot be used, or null. */
export function awsCliV2Missing(): string | null {
  return existsSync(AWS_CLI_V2) ? null : `${AWS_CLI_V2} not found (apt-get install awscli)`;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}
