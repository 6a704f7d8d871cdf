// Runs every benchmark folder (bench/<name>/index.ts) in its own Node process, one after another so
// they do not compete for the two cores, and passes their JSON lines {"metric","value","unit"} through.
// `npm run bench -- expressions sandbox` runs only the named ones.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const names = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'index.ts')))
  .map((d) => d.name)
  .filter((n) => wanted.length === 0 || wanted.includes(n));

let failed = 0;
for (const name of names) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, name, 'index.ts')], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.error(`bench ${name} exited with ${result.status ?? result.signal}`);
  }
}
process.exit(failed ? 1 : 0);
