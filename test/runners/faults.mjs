// `npm run test:faults`: the fault, fuzz and property tests with many more cases than `npm test`
// tries (ENTRA_FAULT_SCALE times; 20 unless set), for a longer look before a release. It ends with
// the figures the reliability issue asks for (test/runners/faultFigures.ts).
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const scale = process.env.ENTRA_FAULT_SCALE ?? '20';
const files = ['test/unit/expressions/properties.test.ts', 'test/unit/expressions/regexBudget.test.ts', 'test/unit/sandbox/regexBudget.test.ts', 'test/unit/sandbox/odata.test.ts', 'test/unit/sandbox/fuzz.test.ts', 'test/unit/sandbox/hardening.test.ts', 'test/unit/sandbox/malformed.test.ts', 'test/unit/graph/provisioningService.test.ts'];
console.log(`Fault tests at ${scale}× the cases of npm test`);
const result = spawnSync(process.execPath, [join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--no-config', '--require', 'tsx/cjs', '--require', join(root, 'test', 'runners', 'faultFigures.ts'), '--extension', 'ts', '--timeout', '600000', ...files], {
  cwd: root, stdio: 'inherit', env: { ...process.env, ENTRA_FAULT_SCALE: scale },
});
// A run that died (a signal, an out-of-memory abort) never printed its figures: say so.
if (result.status === null) console.log(`Fault run crashed (${result.signal ?? 'no exit status'})`);
process.exit(result.status ?? 1);
