import { parseArgs } from 'node:util';
import { checkLine, summaryLine } from './report';
import { runScimCheck } from './runScimCheck';
import { toScimCheckResult } from './types';

// Command-line entry: `npm run scim-check -- --url <base> --token <t> [--json]`, for a SaaS app's CI.
// stdout carries one line per check and the summary line (or, with --json, the result only);
// stderr carries the request log with --verbose. Neither ever carries the token.

const USAGE = `Usage: scim-check --url <base address> --token <bearer token> [options]
  --url <base>       the SCIM base address, e.g. https://app.example/scim/v2 (the only address contacted)
  --token <t>        the bearer token the endpoint accepts (default: $SCIM_CHECK_TOKEN, which keeps
                     it out of the process list)
  --json             print the result as JSON ({ passed, failed, warnings, checks }) instead of lines
  --no-throughput    skip the throughput step (100 requests within at most 10 s)
  --verbose          log every request and answer to stderr (the token redacted)
  --help             show this help

Prints one line per check, then "scim check: N passed, M failed, K warnings"; exits 1 when a
check failed, 2 for a usage error.`;

/** What the command line asked for. */
export interface ScimCheckCliOptions {
  url: string;
  token: string;
  json: boolean;
  throughput: boolean;
  verbose: boolean;
  help: boolean;
}

/** Parses command-line flags; throws a sentence for a missing or bad one. */
export function parseScimCheckArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ScimCheckCliOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      url: { type: 'string' }, token: { type: 'string' }, json: { type: 'boolean' },
      'no-throughput': { type: 'boolean' }, verbose: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  });
  const help = values.help === true;
  const token = values.token ?? env.SCIM_CHECK_TOKEN ?? '';
  if (!help && !values.url) throw new Error('--url is required.');
  if (!help && !token.trim()) throw new Error('--token (or $SCIM_CHECK_TOKEN) is required.');
  return { url: values.url ?? '', token: token.trim(), json: values.json === true, throughput: values['no-throughput'] !== true, verbose: values.verbose === true, help };
}

async function main(): Promise<number> {
  let options: ScimCheckCliOptions;
  try {
    options = parseScimCheckArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let report;
  try {
    report = await runScimCheck({
      baseAddress: options.url, token: options.token, throughput: options.throughput,
      log: options.verbose ? (line) => process.stderr.write(`${line}\n`) : undefined,
      onCheck: options.json ? undefined : (outcome) => process.stdout.write(`${checkLine(outcome)}\n`),
    });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  if (options.json) process.stdout.write(`${JSON.stringify(toScimCheckResult(report), null, 2)}\n`);
  else process.stdout.write(`${summaryLine(report)}\n`);
  return toScimCheckResult(report).failed > 0 ? 1 : 0;
}

if (require.main === module) {
  main().then((code) => { process.exitCode = code; }, (e: unknown) => {
    process.stderr.write(`scim check failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
}
