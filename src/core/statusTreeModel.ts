// The sidebar's content as plain data, built from a CheckReport. Pure (no vscode) so every state of the
// tree is tested in plain Node; src/vscode/statusTree.ts only maps these nodes to TreeItems.
// Never a secret: a CheckReport carries none, and nothing here reads files.

import { expiryText } from './expiry';
import type { CheckReport, Problem, ProfileCheck, ProfileKind, SourceRef, Step, StepId, StepStatus } from './model';
import { PROBLEMS, isProblemCode } from './problems';

/** How a node looks; src/vscode/statusLook.ts maps each to one codicon and theme colour. */
export type Look = 'pass' | 'fail' | 'warn' | 'unknown' | 'running' | 'info' | 'error';

/** What a detail row shows, for its icon. */
export type DetailIcon = 'kind' | 'account' | 'arn' | 'expiry' | 'file' | 'cli' | 'message';

/** One row of the tree: a step, a profile, a detail of a profile, a problem, or an error. */
export interface TreeNode {
  /** Stable across refreshes, so VS Code keeps expansion and selection. */
  id: string;
  type: 'step' | 'profile' | 'detail' | 'problem' | 'error' | 'install';
  label: string;
  description: string;
  /** Status icon; detail rows use `icon` instead. */
  look?: Look;
  icon?: DetailIcon;
  /** Text a screen reader says for the whole row. */
  ariaLabel: string;
  /** `type;flag;flag;` — menus match flags with `viewItem =~ /;flag;/`. */
  contextValue: string;
  /** undefined: a leaf; true/false: collapsible, expanded or not. */
  expanded?: boolean;
  children: TreeNode[];
  step?: StepId;
  profile?: string;
  source?: SourceRef;
  problem?: Problem;
  accountId?: string;
  arn?: string;
  /** What a click does (the tree maps it to a command). */
  click?: 'openSource' | 'showLog';
}

/** What the tree needs besides the report. */
export interface TreeState {
  report: CheckReport | null;
  /** A check is running (whole report). */
  running: boolean;
  /** Profiles being (re)checked one by one. */
  runningProfiles?: ReadonlySet<string>;
  /** The last refresh failed: shown as an error node, never an empty tree. */
  error?: string | null;
  /** No config and no credentials file exists: the view shows its welcome content instead. */
  noFiles?: boolean;
  now: number;
}

const STEP_LABELS: Record<StepId, string> = {
  account: 'AWS account',
  credentials: 'Credentials',
  security: 'Security',
  cli: 'AWS CLI v2',
};
const STEP_ORDER: StepId[] = ['account', 'credentials', 'security', 'cli'];

const KIND_LABELS: Record<ProfileKind, string> = {
  'static-keys': 'access keys',
  'session-keys': 'temporary keys',
  'assume-role': 'role',
  'web-identity': 'web identity',
  'credential-process': 'credential process',
  sso: 'IAM Identity Center',
  'legacy-sso': 'IAM Identity Center (legacy)',
  'console-login': 'console sign-in',
  incomplete: 'incomplete',
};

/** A short name for a kind of profile. */
export function kindLabel(kind: ProfileKind): string {
  return KIND_LABELS[kind] ?? kind;
}

const STATUS_WORDS: Record<StepStatus, string> = { pass: 'passed', warn: 'has warnings', fail: 'failed', unknown: 'not checked' };

/** The look of a step verdict. */
export function stepLook(s: StepStatus): Look {
  return s === 'pass' ? 'pass' : s === 'fail' ? 'fail' : s === 'warn' ? 'warn' : 'unknown';
}

/** The look of a profile verdict. */
export function profileLook(p: ProfileCheck): Look {
  return p.status === 'ok' ? 'pass' : p.status === 'error' ? 'fail' : p.status === 'warn' ? 'warn' : 'unknown';
}

/** The look of a problem, by severity. */
export function problemLook(p: Problem): Look {
  return p.severity === 'error' ? 'fail' : p.severity === 'warning' ? 'warn' : 'info';
}

/** The table title of a problem code (the message when the code is unknown). */
export function problemTitle(p: Problem): string {
  return isProblemCode(p.code) ? PROBLEMS[p.code].title : p.message;
}

/** The last two segments of a path: enough to tell `~/.aws/config` from `~/.aws/credentials`. */
export function shortPath(file: string): string {
  const parts = file.split(/[\\/]/).filter(Boolean);
  return parts.slice(-2).join('/');
}

/** "`.aws/config:12`" for a source reference. */
export function sourceText(s: SourceRef): string {
  return `${shortPath(s.file)}:${s.line}`;
}

const flags = (type: string, list: (string | false | null | undefined)[]): string =>
  `${type};${list.filter((f): f is string => !!f).map((f) => `${f};`).join('')}`;

/** True when a problem's fix can be applied from the UI. */
export function isFixable(p: Problem): boolean {
  return !!p.fix && (!!p.fix.edits?.length || !!p.fix.command);
}

function problemNode(parent: string, p: Problem, i: number): TreeNode {
  const where = p.file && p.line ? `${shortPath(p.file)}:${p.line}` : '';
  const source = p.file && p.line ? { file: p.file, line: p.line } : undefined;
  const title = problemTitle(p);
  const node: TreeNode = {
    id: `${parent}/problem/${i}/${p.code}`,
    type: 'problem',
    label: title,
    description: where,
    look: problemLook(p),
    ariaLabel: `${p.severity}: ${p.message}${where ? ` (${where})` : ''}`,
    contextValue: flags('problem', [isFixable(p) && 'fixable', source && 'hasSource', p.profile && 'hasProfile']),
    children: [],
    problem: p,
  };
  if (source) {
    node.source = source;
    node.click = 'openSource';
  }
  if (p.profile) node.profile = p.profile;
  return node;
}

function detail(parent: string, key: string, icon: DetailIcon, label: string, description: string, extra: Partial<TreeNode> = {}): TreeNode {
  return {
    id: `${parent}/${key}`,
    type: 'detail',
    label,
    description,
    icon,
    ariaLabel: `${label}: ${description}`,
    contextValue: flags('detail', [extra.accountId && 'hasAccount', extra.arn && 'hasArn', extra.source && 'hasSource']),
    children: [],
    ...extra,
  };
}

/** The problem that says most about a profile: the first error, else the first warning, else the first. */
export function worstProblem(problems: readonly Problem[]): Problem | undefined {
  return problems.find((x) => x.severity === 'error') ?? problems.find((x) => x.severity === 'warning') ?? problems[0];
}

/** The one-line description of a profile: kind, identity or problem, expiry. */
export function profileDescription(p: ProfileCheck, active: boolean, now: number, running = false): string {
  const parts: string[] = [];
  if (active) parts.push('active');
  parts.push(kindLabel(p.kind));
  if (running) parts.push('checking…');
  else if (p.identity) parts.push(p.identity.account);
  else {
    const worst = worstProblem(p.problems.filter((x) => x.severity !== 'info'));
    if (worst) parts.push(problemTitle(worst));
    else if (p.status === 'unchecked') parts.push('not checked');
  }
  const exp = expiryText(p.expiresAt, now);
  if (exp && !running) parts.push(exp);
  return parts.join(' · ');
}

const problemKey = (p: Problem) => `${p.code}\0${p.file ?? ''}\0${p.line ?? ''}\0${p.message}`;

function profileNode(check: ProfileCheck, active: boolean, running: boolean, now: number, fileProblems: Problem[] = []): TreeNode {
  const id = `profile/${check.name}`;
  // File problems about this profile sit under it too, unless its check already lists them.
  const own = new Set(check.problems.map(problemKey));
  const extra = fileProblems.filter((x) => !own.has(problemKey(x)));
  const p: ProfileCheck = extra.length ? { ...check, problems: [...check.problems, ...extra] } : check;
  const children: TreeNode[] = [detail(id, 'kind', 'kind', 'Kind', kindLabel(p.kind))];
  if (p.identity) {
    children.push(detail(id, 'account', 'account', 'Account', p.identity.account, { accountId: p.identity.account }));
    children.push(detail(id, 'arn', 'arn', 'ARN', p.identity.arn, { arn: p.identity.arn, accountId: p.identity.account }));
  }
  const exp = expiryText(p.expiresAt, now);
  if (exp) children.push(detail(id, 'expiry', 'expiry', 'Credentials', exp));
  p.sources.forEach((s, i) =>
    children.push(detail(id, `source/${i}`, 'file', 'Defined in', sourceText(s), { source: s, click: 'openSource', profile: p.name })),
  );
  // Errors first: the reason a profile fails is the first thing under it.
  const rank = { error: 0, warning: 1, info: 2 } as const;
  [...p.problems].sort((a, b) => rank[a.severity] - rank[b.severity]).forEach((x, i) => children.push(problemNode(id, x, i)));
  const fixable = p.problems.some(isFixable);
  const status = running ? 'running' : p.status === 'error' ? 'failed' : p.status;
  const sso = p.kind === 'sso' || p.kind === 'legacy-sso';
  const look: Look = running ? 'running' : profileLook(p);
  const description = profileDescription(p, active, now, running);
  const node: TreeNode = {
    id,
    type: 'profile',
    label: p.name,
    description,
    look,
    ariaLabel: `Profile ${p.name}: ${description}`,
    contextValue: flags('profile', [
      status,
      fixable && 'fixable',
      sso && 'sso',
      p.kind === 'console-login' && 'login',
      p.identity && 'hasIdentity',
      p.sources.length > 0 && 'hasSource',
      active ? 'active' : 'notActive',
    ]),
    expanded: p.status === 'error' && !running,
    children,
    profile: p.name,
  };
  if (p.identity) {
    node.accountId = p.identity.account;
    node.arn = p.identity.arn;
  }
  if (p.sources[0]) node.source = p.sources[0];
  return node;
}

function stepNode(step: Step, report: CheckReport, state: TreeState): TreeNode {
  const id = `step/${step.id}`;
  const children: TreeNode[] = [];
  const running = state.running;
  if (step.id === 'account') {
    const active = report.profiles.find((p) => p.name === report.activeProfile);
    if (active?.identity) {
      children.push(
        detail(id, 'account', 'account', 'Account', active.identity.account, { accountId: active.identity.account, arn: active.identity.arn }),
      );
    }
  }
  if (step.id === 'credentials') {
    for (const p of report.profiles) {
      const about = step.problems.filter((x) => x.profile === p.name);
      children.push(profileNode(p, p.name === report.activeProfile, !!state.runningProfiles?.has(p.name), state.now, about));
    }
  }
  if (step.id === 'cli') {
    report.cliInstalls.forEach((c, i) =>
      children.push({
        id: `${id}/install/${i}`,
        type: 'install',
        label: c.version ? `aws ${c.version}` : 'aws (does not run)',
        description: `${c.path}${i === 0 ? ' · first on PATH' : ''}`,
        icon: 'cli',
        ariaLabel: `AWS CLI ${c.version ?? 'that does not run'} at ${c.path}${i === 0 ? ', first on PATH' : ''}`,
        contextValue: 'install;',
        children: [],
      }),
    );
  }
  // Under credentials, profile problems already sit under their profile; show the rest (file problems).
  const own = step.id === 'credentials' ? step.problems.filter((p) => !p.profile || !report.profiles.some((x) => x.name === p.profile)) : step.problems;
  own.forEach((p, i) => children.push(problemNode(id, p, i)));
  const look: Look = running ? 'running' : stepLook(step.status);
  const description = running ? 'checking…' : step.summary;
  return {
    id,
    type: 'step',
    label: STEP_LABELS[step.id],
    description,
    look,
    ariaLabel: `${STEP_LABELS[step.id]}: ${running ? 'checking' : STATUS_WORDS[step.status]}. ${step.summary}`,
    contextValue: flags('step', [step.id, running ? 'running' : step.status, own.some(isFixable) && 'fixable']),
    expanded: children.length > 0 ? step.id === 'credentials' || step.status === 'fail' : undefined,
    children,
    step: step.id,
  };
}

/** The top level of the tree (each node carries its children). Empty only when the welcome content should show. */
export function buildTree(state: TreeState): TreeNode[] {
  const out: TreeNode[] = [];
  if (state.error) {
    out.push({
      id: 'error',
      type: 'error',
      label: 'The checks could not run',
      description: state.error,
      look: 'error',
      ariaLabel: `Error: the checks could not run. ${state.error}`,
      contextValue: 'error;',
      children: [],
      click: 'showLog',
    });
  }
  const report = state.report;
  if (!report) {
    if (state.error) return out;
    // First run still going: show the four steps as running rather than a blank view. Their own ids, because
    // VS Code keeps the collapsed state of an id, and these rows have no children yet.
    return STEP_ORDER.map((s) => ({
      id: `step/${s}/pending`,
      type: 'step',
      label: STEP_LABELS[s],
      description: 'checking…',
      look: 'running',
      ariaLabel: `${STEP_LABELS[s]}: checking`,
      contextValue: `step;${s};running;`,
      children: [],
      step: s,
    }));
  }
  if (state.noFiles && !state.running && !state.error) return [];
  for (const id of STEP_ORDER) {
    const step = report.steps.find((s) => s.id === id);
    if (step) out.push(stepNode(step, report, state));
  }
  return out;
}

/** Every node of a tree, depth first (for finding one by id or profile). */
export function walkTree(nodes: TreeNode[]): TreeNode[] {
  return nodes.flatMap((n) => [n, ...walkTree(n.children)]);
}

/** Markdown-escapes user text (profile names, paths, ARNs) for tooltips. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

function problemMarkdown(p: Problem): string {
  const where = p.file && p.line ? ` — \`${sourceText({ file: p.file, line: p.line })}\`` : '';
  const fix = p.fix ? `\n\n*Fix:* ${escapeMarkdown(p.fix.title)}` : '';
  return `**${escapeMarkdown(problemTitle(p))}**${where}\n\n${escapeMarkdown(p.message)}${fix}`;
}

/** The full story of a node as Markdown, built lazily when the user hovers it. */
export function tooltipFor(node: TreeNode): string {
  switch (node.type) {
    case 'problem':
      return node.problem ? problemMarkdown(node.problem) : escapeMarkdown(node.label);
    case 'error':
      return `**The checks could not run**\n\n${escapeMarkdown(node.description)}\n\nOpen the log (AWS Prereqs: Show Log) for details, then run the checks again.`;
    case 'profile': {
      const lines = [`**Profile \`${node.label.replace(/`/g, "'")}\`** — ${escapeMarkdown(node.description)}`];
      if (node.arn) lines.push(`Identity: \`${node.arn}\``);
      if (node.source) lines.push(`Defined in \`${sourceText(node.source)}\``);
      for (const c of node.children) if (c.type === 'problem' && c.problem) lines.push(problemMarkdown(c.problem));
      return lines.join('\n\n');
    }
    case 'step': {
      const lines = [`**${escapeMarkdown(node.label)}** — ${escapeMarkdown(node.description)}`];
      const problems = node.children.filter((c) => c.type === 'problem' && c.problem);
      for (const c of problems.slice(0, 5)) lines.push(problemMarkdown(c.problem!));
      if (problems.length > 5) lines.push(`…and ${problems.length - 5} more below.`);
      return lines.join('\n\n');
    }
    default:
      return `**${escapeMarkdown(node.label)}**: ${escapeMarkdown(node.description)}`;
  }
}
