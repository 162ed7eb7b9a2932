// `aws-prereqs set` (placeholder until its issue lands).
import type { CliIo } from './io';

/** Runs `aws-prereqs set`. */
export async function runSet(_args: string[], io: CliIo): Promise<number> {
  io.err('aws-prereqs: set is not implemented yet');
  return 2;
}
