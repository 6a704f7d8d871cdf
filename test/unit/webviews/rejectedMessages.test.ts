import * as assert from 'node:assert/strict';
import type { Logger } from '../../../src/shared/logger';
import { RejectedMessages } from '../../../src/webviews/rejectedMessages';

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const logger = {
    warnings,
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: (message: string) => void warnings.push(message),
    error: () => undefined,
    child: () => logger,
  };
  return logger as unknown as Logger & { warnings: string[] };
}

describe('webview messages refused by a panel', () => {
  it('counts every refusal but keeps only the last 50, and a large message without its body', () => {
    const logger = recordingLogger();
    const rejected = new RejectedMessages(logger, 'logs workbench');
    for (let i = 0; i < 1000; i++) rejected.record(`reason ${i}`, { type: 'query', i });
    rejected.record('larger than 1000000 characters', { type: 'query', text: 'x'.repeat(200_000) });
    assert.equal(rejected.count, 1001);
    assert.equal(rejected.recent.length, 50);
    assert.equal(rejected.recent[0].reason, 'reason 951');
    assert.deepEqual(rejected.recent.at(-2)?.message, { type: 'query', i: 999 });
    assert.equal(rejected.recent.at(-1)?.reason, 'larger than 1000000 characters');
    assert.equal(rejected.recent.at(-1)?.message, undefined, 'the large body is not kept');
  });

  it('warns for the first 20 refusals, then once per hundred, naming only a printable prefix of the type', () => {
    const logger = recordingLogger();
    const rejected = new RejectedMessages(logger, 'mapping editor');
    rejected.record('unknown type', { type: 'evil\u0000\u001b[31m' + 'x'.repeat(100) });
    for (let i = 1; i < 1000; i++) rejected.record('unknown type', { type: 'x' });
    assert.equal(logger.warnings.length, 20 + 10, "the first 20, then the 100th, 200th, ... 1000th");
    assert.match(logger.warnings[0], /^rejected a message from the mapping editor webview \(unknown type; type evil\?\?\[31mx+\)$/);
    assert.ok(logger.warnings[0].length < 140, 'the type is cut');
    assert.match(logger.warnings.at(-1)!, /\(1000 refused so far\)$/);
  });
});
