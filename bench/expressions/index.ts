/**
 * Expression-engine benchmark: parse throughput, and evaluation throughput of the typical mappings
 * (Join of names, the default `active` Switch on IsSoftDeleted, a Replace with a regex) pre-parsed and
 * evaluated over 100,000 generated users. Prints JSON lines {"metric","value","unit"}; the metric names
 * expressions.parsePerSec and expressions.evalPerSec are a public contract.
 */
import { evaluateExpression, parseExpression } from '../../src/expressions';
import type { Expression, SourceObject } from '../../src/expressions';

const USERS = 100_000;
const EVAL_ROUNDS = 5;
const PARSE_ITERATIONS = 200_000;

const TYPICAL = {
  join: 'Join(" ", [givenName], [surname])',
  switch: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")',
  replace: 'Replace([telephoneNumber], , "[()\\\\s-]+", , "", , )',
};

// Texts for the parse benchmark: the typical mappings plus longer documented shapes.
const PARSE_MIX = [
  ...Object.values(TYPICAL),
  'Replace([mobile], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", , "${phoneNumber}", , )',
  'ToLower(Join("@", NormalizeDiacritics(StripSpaces(Join(".", [PreferredFirstName], [PreferredLastName]))), "contoso.com"))',
  'Switch([Active], , "1", IIF(DateDiff("d", Now(), CDate([StatusHireDate])) > 5, "False", "True"), "0", "False")',
];

/** Deterministic pseudo-random numbers (mulberry32) so every run measures the same users. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = ['John', 'Zoë', 'Ana', 'Łukasz', 'Mei', 'Oluwaseun', 'Siobhán', 'Kenji', 'María', 'Priya'];
const FAMILY = ['Doe', 'Smith', 'García', 'Nguyễn', 'Müller', 'Okafor', "O'Neil", 'Kowalski', 'Tanaka', 'Patel'];

function generateUsers(count: number): SourceObject[] {
  const next = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
  const users: SourceObject[] = [];
  for (let i = 0; i < count; i++) {
    const user: Record<string, string | boolean> = {
      givenName: pick(GIVEN),
      surname: pick(FAMILY),
      // Like Graph test input, a few users carry the Boolean as text.
      IsSoftDeleted: next() < 0.1 ? (next() < 0.5 ? 'true' : 'false') : next() < 0.05,
      userPrincipalName: `user${i}@contoso.com`,
    };
    if (next() < 0.9) user.telephoneNumber = `+1 (${digits(3)}) ${digits(3)}-${digits(4)}`;
    if (next() < 0.03) delete user.surname;
    users.push(user);
  }
  return users;
}

function emit(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ metric, value: Math.round(value), unit }));
}

function measureParse(): number {
  let nodes = 0;
  // Warm-up so the JIT has compiled the parser before timing.
  for (let i = 0; i < 20_000; i++) nodes += parseExpression(PARSE_MIX[i % PARSE_MIX.length]).kind.length;
  const started = performance.now();
  for (let i = 0; i < PARSE_ITERATIONS; i++) nodes += parseExpression(PARSE_MIX[i % PARSE_MIX.length]).kind.length;
  const seconds = (performance.now() - started) / 1000;
  if (nodes === 0) throw new Error('nothing parsed');
  return PARSE_ITERATIONS / seconds;
}

/** Evaluations per second of `trees` over all users, best of several rounds (after a warm-up round). */
function measureEval(trees: readonly Expression[], users: readonly SourceObject[]): number {
  let checksum = 0;
  let best = 0;
  for (let round = 0; round <= EVAL_ROUNDS; round++) {
    const started = performance.now();
    for (let u = 0; u < users.length; u++) {
      const user = users[u];
      for (let t = 0; t < trees.length; t++) {
        const result = evaluateExpression(trees[t], user);
        if (typeof result === 'string') checksum += result.length;
      }
    }
    const perSecond = (users.length * trees.length) / ((performance.now() - started) / 1000);
    if (round > 0) best = Math.max(best, perSecond);
  }
  if (checksum === 0) throw new Error('evaluation produced nothing');
  return best;
}

const users = generateUsers(USERS);
const trees = Object.fromEntries(Object.entries(TYPICAL).map(([k, text]) => [k, parseExpression(text)])) as Record<keyof typeof TYPICAL, Expression>;

emit('expressions.parsePerSec', measureParse(), 'ops/s');
emit('expressions.evalPerSec', measureEval(Object.values(trees), users), 'ops/s');
for (const [name, tree] of Object.entries(trees)) emit(`expressions.evalPerSec.${name}`, measureEval([tree], users), 'ops/s');
