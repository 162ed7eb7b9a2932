// Parse benchmark, side by side in one run: config + credentials files of 10 / 100 / 1,000 / 10,000 profiles read by
// our AWS CLI reading, our SDK reading and our whole analysis (both readings, differences, chains), against the
// AWS SDK's own loader (@smithy/shared-ini-file-loader parseKnownFiles, fed the same text through its
// externalDataInterceptor so no disk is touched) and the `ini` package. Implementations alternate within every
// round so machine noise hits all of them; medians and ratios are printed, then a size-doubling check (linear time).
// Run: node --import tsx bench/parse.ts [--quick]
import { loadavg, cpus } from 'node:os';
import * as ini from 'ini';
import { externalDataInterceptor, parseKnownFiles } from '@smithy/shared-ini-file-loader';
import { readAsCli } from '../src/core/iniCli';
import { readAsSdk } from '../src/core/iniSdk';
import { analyzeFiles } from '../src/core/analyzeFiles';
import type { FileInput } from '../src/core/model';

const quick = process.argv.includes('--quick');
const SIZES = [10, 100, 1_000, 10_000];
const CONFIG = '/bench/.aws/config';
const CREDENTIALS = '/bench/.aws/credentials';

/** A realistic mix: static-key profiles in both files, role profiles, SSO profiles with a session, comments, sub-settings. */
function files(n: number): { config: string; credentials: string } {
  let config = '# generated for bench/parse.ts\n[default]\nregion = us-east-1\noutput = json\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n\n';
  let credentials = '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n\n';
  for (let i = 1; i < n; i++) {
    switch (i % 4) {
      case 0:
        config += `[profile p${i}]\nregion = eu-west-1\n\n`;
        credentials += `[p${i}]\naws_access_key_id = AKIA${String(i).padStart(16, '0')}\naws_secret_access_key = secret${i}secret${i}secret${i}\n\n`;
        break;
      case 1:
        config += `[profile p${i}]\nrole_arn = arn:aws:iam::123456789012:role/r${i}\nsource_profile = default\nregion = us-west-2\n\n`;
        break;
      case 2:
        config += `# team ${i}\n[profile p${i}]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\nregion = us-east-2\n\n`;
        break;
      default:
        config += `[profile p${i}]\nregion = ap-south-1\ns3 =\n  addressing_style = path\n  signature_version = s3v4\n\n`;
    }
  }
  return { config, credentials };
}

type Impl = { name: string; run: (c: FileInput, k: FileInput) => unknown | Promise<unknown> };

const IMPLS: Impl[] = [
  { name: 'ours: CLI reading', run: (c, k) => readAsCli(c, k) },
  { name: 'ours: SDK reading', run: (c, k) => readAsSdk(c, k) },
  { name: 'ours: whole analysis', run: (c, k) => analyzeFiles(c, k) },
  {
    name: '@smithy loader',
    run: (c, k) => {
      externalDataInterceptor.interceptFile(CONFIG, c.text!);
      externalDataInterceptor.interceptFile(CREDENTIALS, k.text!);
      return parseKnownFiles({ configFilepath: CONFIG, filepath: CREDENTIALS, ignoreCache: true });
    },
  },
  { name: 'ini', run: (c, k) => [ini.parse(c.text!), ini.parse(k.text!)] },
];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function time(impl: Impl, c: FileInput, k: FileInput): Promise<number> {
  const t0 = performance.now();
  await impl.run(c, k);
  return performance.now() - t0;
}

/** Medians per implementation for one size; rounds interleave the implementations. */
async function measure(n: number, impls: Impl[]): Promise<number[]> {
  const f = files(n);
  const c: FileInput = { path: CONFIG, text: f.config };
  const k: FileInput = { path: CREDENTIALS, text: f.credentials };
  // Warm-up: let the JIT settle on every implementation before measuring.
  const warm = n >= 10_000 ? 2 : n >= 1_000 ? 10 : 50;
  for (let i = 0; i < warm; i++) for (const impl of impls) await impl.run(c, k);
  const rounds = quick ? 5 : n >= 10_000 ? 15 : n >= 1_000 ? 41 : 101;
  const samples: number[][] = impls.map(() => []);
  for (let r = 0; r < rounds; r++) {
    // Rotate the order every round so no implementation always runs first.
    for (let j = 0; j < impls.length; j++) {
      const i = (j + r) % impls.length;
      samples[i]!.push(await time(impls[i]!, c, k));
    }
  }
  return samples.map(median);
}

const fmt = (ms: number) => (ms < 0.1 ? ms.toFixed(3) : ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

async function main(): Promise<void> {
  console.log(`Parse benchmark — Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log('Median milliseconds to read config + credentials (both files) per implementation; ratio = ours ÷ @smithy loader.\n');
  const header = ['profiles', 'lines', ...IMPLS.map((i) => i.name), 'CLI ÷ smithy', 'SDK ÷ smithy'];
  const rows: string[][] = [];
  const results = new Map<number, number[]>();
  for (const n of SIZES) {
    const m = await measure(n, IMPLS);
    results.set(n, m);
    const f = files(n);
    const lines = f.config.split('\n').length + f.credentials.split('\n').length;
    rows.push([n.toLocaleString('en'), lines.toLocaleString('en'), ...m.map(fmt), (m[0]! / m[3]!).toFixed(2), (m[1]! / m[3]!).toFixed(2)]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padStart(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));

  const at1000 = results.get(1_000)!;
  console.log(`\nTarget at 1,000 profiles: ≤ 2 ms and no slower than the SDK loader.`);
  console.log(`  CLI reading ${fmt(at1000[0]!)} ms (${at1000[0]! <= 2 ? 'meets' : 'MISSES'} 2 ms; ${at1000[0]! <= at1000[3]! ? 'faster than' : 'SLOWER than'} @smithy ${fmt(at1000[3]!)} ms)`);
  console.log(`  SDK reading ${fmt(at1000[1]!)} ms (${at1000[1]! <= 2 ? 'meets' : 'MISSES'} 2 ms; ${at1000[1]! <= at1000[3]! ? 'faster than' : 'SLOWER than'} @smithy)`);

  // Linear time: doubling the input should roughly double the time (a quadratic step would quadruple it).
  const ours = IMPLS.slice(0, 3);
  const small = await measure(5_000, ours);
  const large = await measure(10_000, ours);
  const big = await measure(20_000, ours);
  console.log('\nSize doubling (5,000 → 10,000 → 20,000 profiles): time ratios, ≈ 2 means linear, ≈ 4 quadratic');
  ours.forEach((impl, i) => console.log(`  ${impl.name.padEnd(22)} ${(large[i]! / small[i]!).toFixed(2)}  ${(big[i]! / large[i]!).toFixed(2)}`));
}

void main();
