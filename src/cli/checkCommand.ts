// `aws-prereqs check [--profile NAME] [--json] [--offline] [--timeout-ms N]`: the engine's report as a checklist
// or as the JSON contract (README "Checking identities"). Exit 0 when no step fails, 1 when one does, 2 on usage.
import { createInterface } from 'node:readline';
import type { CheckReport, Problem, ProfileCheck } from '../core/model';
import { parseFlags, UsageError, type CliIo } from './io';

/** The `check --json` contract: only these fields, nothing secret. */
export function reportJson(r: CheckReport): unknown {
  const prob = (p: Problem) => ({
    code: p.code,
    severity: p.severity,
    message: p.message,
    ...(p.profile !== undefined ? { profile: p.profile } : {}),
    ...(p.file !== undefined ? { file: p.file } : {}),
    ...(p.line !== undefined ? { line: p.line } : {}),
  });
  const prof = (c: ProfileCheck) => ({
    name: c.name,
    kind: c.kind,
    status: c.status,
    identity: c.identity ? { account: c.identity.account, arn: c.identity.arn, userId: c.identity.userId } : null,
    expiresAt: c.expiresAt,
    problems: c.problems.map(prob),
  });
  return {
    steps: r.steps.map((s) => ({ id: s.id, status: s.status, summary: s.summary })),
    activeProfile: r.activeProfile,
    cli: r.cli ? { path: r.cli.path, version: r.cli.version } : null,
    profiles: r.profiles.map(prof),
    problems: r.problems.map(prob),
    environment: r.environment ? prof(r.environment) : null,
    source: r.source ?? null,
    cliInstalls: r.cliInstalls.map((i) => ({ path: i.path, version: i.version })),
    configFile: r.configFile,
    credentialsFile: r.credentialsFile,
    checkedAt: r.checkedAt,
  };
}

const MARK: Record<string, string> = { pass: '✔', warn: '!', fail: '✖', unknown: '?', ok: '✔', error: '✖', unchecked: '·' };

/** The human checklist. */
export function reportText(r: CheckReport): string {
  const lines: string[] = [];
  const title: Record<string, string> = { account: 'AWS account', credentials: 'Credentials', security: 'Security', cli: 'AWS CLI' };
  lines.push('AWS Prereqs check');
  for (const s of r.steps) lines.push(`  ${MARK[s.status]} ${title[s.id]}: ${s.summary}`);
  const checks = [...(r.environment ? [r.environment] : []), ...r.profiles];
  if (checks.length) {
    lines.push('', 'Profiles:');
    for (const c of checks) {
      const who = c.identity ? c.identity.arn : c.status === 'unchecked' ? 'not checked' : 'no identity';
      const active = c.name === r.activeProfile ? ' (active)' : '';
      const exp = c.expiresAt ? `, expires ${c.expiresAt}` : '';
      lines.push(`  ${MARK[c.status]} ${c.name}${active} [${c.kind}]: ${who}${exp}`);
      for (const p of c.problems) lines.push(`      ${p.severity}: ${p.message}`);
    }
  }
  const general = r.problems.filter((p) => p.severity !== 'info' || p.code.startsWith('cli-'));
  if (general.length) {
    lines.push('', 'Files, environment and CLI:');
    for (const p of general) lines.push(`  ${p.severity}: ${p.file && p.line ? `${p.file}:${p.line}: ` : ''}${p.message}`);
  }
  return lines.join('\n');
}

/** Exit code of a report: 1 when a step fails. */
export function exitCodeOf(r: CheckReport): number {
  return r.steps.some((s) => s.status === 'fail') ? 1 : 0;
}

/** Runs `aws-prereqs check`. */
export async function runCheck(args: string[], io: CliIo): Promise<number> {
  let flags: Record<string, string | boolean>;
  try {
    ({ flags } = parseFlags(args, { profile: 'string', json: 'boolean', offline: 'boolean', 'timeout-ms': 'string' }));
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`aws-prereqs check: ${e.message}. Usage: aws-prereqs check [--profile NAME] [--json] [--offline] [--timeout-ms N]`);
      return 2;
    }
    throw e;
  }
  let timeoutMs: number | undefined;
  if (flags['timeout-ms'] !== undefined) {
    timeoutMs = Number(flags['timeout-ms']);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 600_000) {
      io.err('aws-prereqs check: --timeout-ms must be a whole number of milliseconds between 1 and 600000');
      return 2;
    }
  }
  const json = flags.json === true;
  const { runChecks } = await import('../node/engine');
  const opts: import('../node/engine').CheckOptions = { env: io.env, offline: flags.offline === true };
  if (typeof flags.profile === 'string') opts.profile = flags.profile;
  if (timeoutMs !== undefined) opts.timeoutMs = timeoutMs;
  // MFA codes are asked for on a terminal only; --json runs unattended, so roles with MFA report mfa-required.
  if (!json && io.stdinIsTty) opts.mfaCode = (profile, serial) => promptMfa(io, profile, serial);
  const t0 = Date.now();
  if (io.env.AWS_PREREQS_DEBUG) opts.log = (l) => io.err(`[aws-prereqs +${Date.now() - t0} ms] ${l}`);
  let report: CheckReport;
  try {
    report = await runChecks(opts);
  } finally {
    // Pooled keep-alive sockets would keep the process alive for a while: close them.
    (await import('../node/loadSdk')).closeLoadedSdk();
  }
  io.out(json ? JSON.stringify(reportJson(report), null, 2) : reportText(report));
  return exitCodeOf(report);
}

// One MFA prompt at a time, even when several roles need a code at once.
let promptChain: Promise<unknown> = Promise.resolve();

function promptMfa(_io: CliIo, profile: string, serial: string): Promise<string | undefined> {
  const ask = () =>
    new Promise<string | undefined>((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
      rl.question(`MFA code for profile ${profile} (${serial}), empty to skip: `, (answer) => {
        rl.close();
        const code = answer.trim();
        resolve(/^\d{6}$/.test(code) ? code : undefined);
      });
    });
  const p = promptChain.then(ask, ask);
  promptChain = p.catch(() => undefined);
  return p;
}
