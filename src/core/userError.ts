// The one error class whose message is written for the person: the command wrapper shows it as is (other
// errors get a generic "AWS Prereqs:" frame). The activation bundle and the deferred chunk are separate
// bundles, each with its own copy of this class, so `instanceof` fails across them: recognise it by its brand.

/** The brand property; a plain string key, so any bundle's copy of the class carries the same one. */
const BRAND = 'awsPrereqsUserError';

/** An error whose message is plain, actionable text for the person (never a secret). */
export class UserError extends Error {
  /** The brand `isUserError` looks for (instanceof fails across bundles). */
  readonly [BRAND] = true;
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Is `e` a UserError from any bundle (the activation bundle, the deferred chunk, the SDK chunk)? */
export function isUserError(e: unknown): e is UserError {
  return typeof e === 'object' && e !== null && (e as Record<string, unknown>)[BRAND] === true && typeof (e as Error).message === 'string';
}
