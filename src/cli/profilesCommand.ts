// `aws-prereqs profiles` (placeholder until its issue lands).
import type { CliIo } from './io';

/** Runs `aws-prereqs profiles`. */
export async function runProfiles(_args: string[], io: CliIo): Promise<number> {
  io.err('aws-prereqs: profiles is not implemented yet');
  return 2;
}
