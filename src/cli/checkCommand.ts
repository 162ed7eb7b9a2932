// `aws-prereqs check` (placeholder until its issue lands).
import type { CliIo } from './io';

/** Runs `aws-prereqs check`. */
export async function runCheck(_args: string[], io: CliIo): Promise<number> {
  io.err('aws-prereqs: check is not implemented yet');
  return 2;
}
