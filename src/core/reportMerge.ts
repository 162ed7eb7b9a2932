// Folding single-profile results into a report, so one verify or one file edit does not re-check everything.

import type { CheckReport, ProfileCheck } from './model';

/** A copy of `report` with each check in `checks` replacing the profile of the same name (kept in report order). */
export function mergeProfileChecks(report: CheckReport, checks: readonly ProfileCheck[]): CheckReport {
  if (checks.length === 0) return report;
  const byName = new Map(checks.map((c) => [c.name, c]));
  const profiles = report.profiles.map((p) => byName.get(p.name) ?? p);
  return { ...report, profiles };
}
