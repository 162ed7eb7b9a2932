// Client of awsCliBatch.py: runs many AWS CLI v2 commands through the awscli package /usr/bin/aws runs, in one
// Python process (each real `aws` call costs ~0.6 s of start-up; a corpus needs hundreds of them).
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { AWS_CLI_V2 } from './peers';

/** One command: its environment (AWS_* variables, HOME) and its arguments after `aws`. */
export interface AwsCall {
  env: Record<string, string>;
  args: string[];
}

/** What a command printed and returned. */
export interface AwsResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The Python interpreter /usr/bin/aws runs under (its #! line). */
const PYTHON = '/usr/bin/python3';

/** Runs the calls in order in one process; rejects if the process dies or exceeds timeoutMs. */
export function runAwsBatch(calls: AwsCall[], timeoutMs = 120_000): Promise<AwsResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [join(__dirname, 'awsCliBatch.py')], { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8' } });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`awsCliBatch timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const lines = out.split('\n').filter((l) => l !== '');
      if (code !== 0 || lines.length !== calls.length) reject(new Error(`awsCliBatch exited ${code} after ${lines.length}/${calls.length} calls: ${err.slice(0, 500)}`));
      else resolve(lines.map((l) => JSON.parse(l) as AwsResult));
    });
    child.stdin.end(calls.map((c) => JSON.stringify(c)).join('\n') + '\n');
  });
}

/** Runs the real /usr/bin/aws once (to prove the batch runner prints what the binary prints). */
export function runAwsBinary(call: AwsCall, timeoutMs = 60_000): Promise<AwsResult> {
  return new Promise((resolve) => {
    execFile(AWS_CLI_V2, call.args, { env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8', ...call.env }, timeout: timeoutMs, encoding: 'utf8' }, (e, stdout, stderr) => {
      const code = e ? (typeof (e as { code?: unknown }).code === 'number' ? (e as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
