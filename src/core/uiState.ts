// What the rest of the VS Code UI shows besides the tree — context keys, the status-bar item, the
// profile quick pick — derived from one CheckReport so no front computes a status of its own.

import { expiryShort, expiryText } from './expiry';
import type { CheckReport, ProfileCheck } from './model';
import { kindLabel, problemTitle, worstProblem } from './statusTreeModel';

const worstTitle = (p: ProfileCheck): string => {
  const w = worstProblem(p.problems);
  return w ? problemTitle(w) : p.status === 'error' ? 'does not work' : 'not verified';
};

/** Context keys the views, menus and the walkthrough read (`awsPrereqs.<name>`). */
export interface ContextKeys {
  /** The files have been looked for (until then the view shows "Reading…", not "no files"). */
  filesRead: boolean;
  hasAwsFiles: boolean;
  cliMissing: boolean;
  accountConfirmed: boolean;
  credentialsVerified: boolean;
  notRootUser: boolean;
  cliV2Installed: boolean;
  checking: boolean;
}

/** The active profile's check, when the report has one. */
export function activeCheck(report: CheckReport | null): ProfileCheck | undefined {
  if (!report?.activeProfile) return undefined;
  return report.profiles.find((p) => p.name === report.activeProfile);
}

/** Context key values for a report. `hasAwsFiles` comes from the file read (null: not read yet), not the report. */
export function contextKeysFor(report: CheckReport | null, hasAwsFiles: boolean | null, checking: boolean): ContextKeys {
  const active = activeCheck(report);
  const identity = active?.identity ?? null;
  const cliStep = report?.steps.find((s) => s.id === 'cli');
  const accountStep = report?.steps.find((s) => s.id === 'account');
  const first = report?.cliInstalls[0];
  return {
    filesRead: hasAwsFiles !== null,
    hasAwsFiles: !!hasAwsFiles,
    cliMissing: !!report && (report.cliInstalls.length === 0 || !!cliStep?.problems.some((p) => p.code === 'cli-missing')),
    accountConfirmed: accountStep?.status === 'pass' || (!!identity && accountStep?.status === 'warn'),
    credentialsVerified: !!identity,
    notRootUser: !!identity && !/:root$/.test(identity.arn),
    cliV2Installed: !!first && first.major === 2,
    checking,
  };
}

/** The status-bar item: one icon, short text, and the words for screen readers and the tooltip. */
export interface StatusBarView {
  look: 'pass' | 'fail' | 'warn' | 'unknown' | 'running';
  text: string;
  ariaLabel: string;
  tooltip: string;
}

/** The status-bar item for a report (active profile, state, expiry countdown). */
export function statusBarFor(report: CheckReport | null, running: boolean, now: number): StatusBarView {
  if (!report) {
    return { look: 'running', text: 'AWS', ariaLabel: 'AWS Prereqs: checking', tooltip: 'AWS Prereqs: checking…' };
  }
  const name = report.activeProfile;
  if (!name) {
    return {
      look: 'fail',
      text: 'AWS: no profile',
      ariaLabel: 'AWS Prereqs: no profile is configured',
      tooltip: 'No AWS profile is configured. Click to choose one, or open the setup guide.',
    };
  }
  const p = activeCheck(report);
  if (!p) {
    return {
      look: 'fail',
      text: `AWS: ${name}`,
      ariaLabel: `AWS Prereqs: profile ${name} does not exist`,
      tooltip: `The selected profile \`${name}\` does not exist in your AWS files. Click to choose another.`,
    };
  }
  const short = expiryShort(p.expiresAt, now);
  const look = running ? 'running' : p.status === 'ok' ? 'pass' : p.status === 'error' ? 'fail' : p.status === 'warn' ? 'warn' : 'unknown';
  const state = running ? 'checking' : p.identity ? p.identity.account : p.status === 'unchecked' ? 'not checked' : worstTitle(p);
  const text = `AWS: ${name}${short ? ` · ${short}` : ''}`;
  const exp = expiryText(p.expiresAt, now);
  return {
    look,
    text,
    ariaLabel: `AWS Prereqs: profile ${name}, ${state}${exp ? `, ${exp}` : ''}`,
    tooltip: `Profile \`${name}\` (${kindLabel(p.kind)}): ${state}${exp ? `, ${exp}` : ''}. Click to choose the active profile.`,
  };
}

/** One entry of the profile quick pick. */
export interface ProfilePick {
  name: string;
  label: string;
  description: string;
  detail: string;
  look: 'pass' | 'fail' | 'warn' | 'unknown';
  active: boolean;
}

/** The profile quick pick: every profile with its state; the active one first. */
export function profilePicks(report: CheckReport | null, now: number): ProfilePick[] {
  if (!report) return [];
  const picks = report.profiles.map((p): ProfilePick => {
    const active = p.name === report.activeProfile;
    const state = p.identity ? `${p.identity.account} · ${p.identity.arn}` : p.status === 'unchecked' ? 'not checked' : worstTitle(p);
    const exp = expiryText(p.expiresAt, now);
    return {
      name: p.name,
      label: p.name,
      description: [active ? 'active' : '', kindLabel(p.kind)].filter(Boolean).join(' · '),
      detail: exp ? `${state} · ${exp}` : state,
      look: p.status === 'ok' ? 'pass' : p.status === 'error' ? 'fail' : p.status === 'warn' ? 'warn' : 'unknown',
      active,
    };
  });
  return picks.sort((a, b) => Number(b.active) - Number(a.active));
}
