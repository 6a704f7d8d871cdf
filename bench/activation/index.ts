// activate() cost with the Graph runtime (Graph client + @azure/identity) loaded lazily on the first
// Graph call, over the cost when it is loaded at activation. Medians of fresh processes.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROUNDS = 15;
const root = join(__dirname, '..', '..');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(mode: 'lazy' | 'eager'): number {
  const out = execFileSync(process.execPath, [join(__dirname, 'measureOnce.cjs'), mode], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(out);
  if (!Number.isFinite(ms)) throw new Error(`activation measurement printed ${out.slice(0, 200)}`);
  return ms;
}

execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production'], { stdio: 'ignore' });
const lazy: number[] = [];
const eager: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  lazy.push(measure('lazy'));
  eager.push(measure('eager'));
}
const emit = (metric: string, value: number, unit: string) => console.log(JSON.stringify({ metric, value: Number(value.toFixed(3)), unit }));
emit('activate.lazyMs', median(lazy), 'ms');
emit('activate.eagerMs', median(eager), 'ms');
emit('activate.lazyOverEager', median(lazy) / median(eager), 'ratio');
