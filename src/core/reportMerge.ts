// Folding single-profile results into a report, so one verify or one file edit does not re-check everything,
// and re-judging the steps from the merged profiles with the engine's own judge (src/core/steps.ts).

import { judgeCliInstalls } from './cliVersion';
import type { CheckReport, ProfileCheck } from './model';
import { judgeSteps } from './steps';

/** A copy of `report` with each check in `checks` replacing the profile of the same name (kept in report order). */
export function mergeProfileChecks(report: CheckReport, checks: readonly ProfileCheck[]): CheckReport {
  if (checks.length === 0) return report;
  const byName = new Map(checks.map((c) => [c.name, c]));
  const profiles = report.profiles.map((p) => byName.get(p.name) ?? p);
  return { ...report, profiles };
}

/**
 * The steps of `report` judged again for its current profiles, as the engine's runChecks judges them.
 * runChecks lists `problems` as file problems, then global findings, then CLI problems: `fileProblemCount`
 * (the files' analysis.problems length) splits them back.
 */
export function rejudgeReport(report: CheckReport, fileProblemCount: number, platform: string, offline = false): CheckReport {
  const cliCount = judgeCliInstalls(report.cliInstalls, platform).length;
  const fileProblems = report.problems.slice(0, fileProblemCount);
  const globalProblems = report.problems.slice(fileProblemCount, report.problems.length - cliCount);
  const cliProblems = report.problems.slice(report.problems.length - cliCount);
  const steps = judgeSteps({
    fileProblems,
    profiles: report.profiles,
    environment: report.environment ?? null,
    activeProfile: report.activeProfile,
    cliUsesEnvironment: report.source?.cli === 'environment',
    globalProblems,
    cliInstalls: report.cliInstalls,
    cliProblems,
    offline,
  });
  return { ...report, steps };
}
