import * as assert from 'node:assert/strict';
import { createDocument } from '../../../src/shared/mappingEditor';
import { MAX_MESSAGE_DEPTH, MAX_MESSAGE_SIZE, messageBoundsProblem, parseExtensionMessage, parseWebviewMessage, readWebviewMessage, untranslatedEditorStrings } from '../../../src/shared/webviewProtocol';
import { scimSchema } from './fixtures';

describe('webview protocol validation', () => {
  it('accepts every well-formed message from the webview', () => {
    const fields = { mappingType: 'Direct', sourceAttribute: 'mail', constantValue: '', expression: '', defaultValue: '', targetAttribute: 'x', flowType: 'Always', matchingPriority: 0 };
    const messages = [
      { type: 'ready' },
      { type: 'edit', edit: { kind: 'updateMapping', objectMappingId: 'r0o0', mappingId: 'r0o0m1', patch: { expression: 'Join(" ", [a])' } } },
      { type: 'edit', edit: { kind: 'addMapping', objectMappingId: 'r0o0', mappingId: 'r0o0n1', fields } },
      { type: 'edit', edit: { kind: 'setScope', objectMappingId: 'r0o0', groups: [{ name: 'g', clauses: [{ sourceAttribute: 'a', operator: 'EQUALS', values: ['1'] }] }] } },
      { type: 'edit', edit: { kind: 'moveMapping', objectMappingId: 'r0o0', mappingId: 'm', toIndex: 0 } },
      { type: 'request', requestId: 1, request: { kind: 'save' } },
      { type: 'request', requestId: 2, request: { kind: 'sampleUsers', count: 10 } },
      { type: 'request', requestId: 4, request: { kind: 'sampleUsers', count: 3, query: 'Ma' } },
      { type: 'request', requestId: 3, request: { kind: 'searchUsers', query: 'An' } },
    ];
    for (const message of messages) assert.deepEqual(parseWebviewMessage(message), message);
  });

  it('rejects malformed and unknown messages', () => {
    const bad: unknown[] = [
      null,
      'ready',
      { type: 'ready', extra: 1 },
      { type: 'explode' },
      { type: 'edit', edit: { kind: 'updateMapping', objectMappingId: 'r0o0', mappingId: 'm', patch: { matchingPriority: -1 } } },
      { type: 'edit', edit: { kind: 'updateMapping', objectMappingId: 'r0o0', mappingId: 'm', patch: { __proto__: 1, evil: true } } },
      { type: 'edit', edit: { kind: 'addMapping', objectMappingId: 'r0o0', mappingId: 'm', fields: { mappingType: 'Direct' } } },
      { type: 'edit', edit: { kind: 'setEnabled', objectMappingId: 'r0o0', enabled: 'yes' } },
      { type: 'edit', edit: { kind: 'updateMapping', objectMappingId: 'r0o0', mappingId: 'm', patch: { mappingType: 'Script' } } },
      { type: 'request', requestId: 0, request: { kind: 'save' } },
      { type: 'request', requestId: 1.5, request: { kind: 'save' } },
      { type: 'request', requestId: 1, request: { kind: 'sampleUsers', count: 10_000 } },
      { type: 'request', requestId: 1, request: { kind: 'deleteTenant' } },
      { type: 'edit', edit: { kind: 'updateMapping', objectMappingId: 'r0o0', mappingId: 'm', patch: { expression: 'x'.repeat(20_000) } } },
    ];
    for (const message of bad) assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message)?.slice(0, 120));
  });

  it('rejects a list with holes (postMessage keeps them; every() would skip them)', () => {
    const values = ['1', , '2'];
    const clause = { sourceAttribute: 'a', operator: 'EQUALS', values };
    assert.equal(parseWebviewMessage({ type: 'edit', edit: { kind: 'setScope', objectMappingId: 'r0o0', groups: [{ name: 'g', clauses: [clause] }] } }), undefined);
    assert.equal(parseWebviewMessage({ type: 'edit', edit: { kind: 'setScope', objectMappingId: 'r0o0', groups: [, { name: 'g', clauses: [] }] } }), undefined);
  });

  it('refuses a message too large or nested too deep before its fields are read, naming why and the request to answer', () => {
    const deep: Record<string, unknown> = { type: 'request', requestId: 5, request: { kind: 'save' } };
    let inner: Record<string, unknown> = deep;
    for (let i = 0; i < 50_000; i++) inner = (inner.x = {}) as Record<string, unknown>;
    const deepReading = readWebviewMessage(deep);
    assert.ok('problem' in deepReading);
    assert.match(deepReading.problem, new RegExp(`nested deeper than ${MAX_MESSAGE_DEPTH}`));
    assert.equal(deepReading.requestId, 5, 'a request with a valid id can be answered');

    // Many small values in a list the protocol would take apart one by one.
    const values = Array.from({ length: 10_000 }, () => 'v'.repeat(200));
    const wide = { type: 'edit', edit: { kind: 'setScope', objectMappingId: 'r0o0', groups: [{ name: 'g', clauses: [{ sourceAttribute: 'a', operator: 'EQUALS', values }] }] } };
    const wideReading = readWebviewMessage(wide);
    assert.ok('problem' in wideReading);
    assert.match(wideReading.problem, new RegExp(`larger than ${MAX_MESSAGE_SIZE}`));
    assert.equal(wideReading.requestId, undefined, 'an edit has no request to answer');
    assert.equal(parseWebviewMessage(wide), undefined);
    // A sparse array of a billion holes is refused by its length, without stepping through it.
    assert.match(messageBoundsProblem({ type: 'edit', edit: { kind: 'setScope', objectMappingId: 'r0o0', groups: new Array(1_000_000_000) } }) ?? '', /larger than/);
    assert.match(messageBoundsProblem({ type: 'request', requestId: 1, request: { kind: 'searchUsers', query: 'q'.repeat(MAX_MESSAGE_SIZE + 1) } }) ?? '', /larger than/);

    // The deepest and a large ordinary message pass.
    const scope = { type: 'edit', edit: { kind: 'setScope', objectMappingId: 'r0o0', groups: Array.from({ length: 20 }, (_, g) => ({ name: `g${g}`, clauses: Array.from({ length: 10 }, () => ({ sourceAttribute: 'department', operator: 'EQUALS', values: ['Sales', 'Marketing'] })) })) } };
    assert.equal(messageBoundsProblem(scope), undefined);
    assert.deepEqual(readWebviewMessage(scope), { message: scope });
    const malformed = readWebviewMessage({ type: 'request', requestId: 9, request: { kind: 'deleteTenant' } });
    assert.deepEqual(malformed, { problem: 'not a protocol message', requestId: 9 });
  });

  it('checks the extension messages the webview receives', () => {
    const strings = untranslatedEditorStrings();
    const document = createDocument(scimSchema());
    const init = { type: 'init', document: JSON.parse(JSON.stringify(document)), strings, filterOperators: [{ name: 'EQUALS', arity: 'Binary' }], jobLabel: 'App', target: { connectionId: 'c', servicePrincipalId: 's', jobId: 'j' } };
    assert.equal(parseExtensionMessage(init)?.type, 'init');
    assert.deepEqual(parseExtensionMessage({ type: 'response', requestId: 3, ok: true, result: { kind: 'superseded' } }), { type: 'response', requestId: 3, ok: true, result: { kind: 'superseded' } });
    assert.equal(parseExtensionMessage({ ...init, strings: { title: 'x' } }), undefined, 'every string is required');
    const { ['expr.expectedCommaOrParen']: _dropped, ...withoutOne } = strings;
    assert.equal(parseExtensionMessage({ ...init, strings: withoutOne }), undefined, 'every expression sentence is required');
    const { ['fn.Join.separator']: _help, ...withoutHelp } = strings;
    assert.equal(parseExtensionMessage({ ...init, strings: withoutHelp }), undefined, 'every function help sentence is required');
    assert.equal(parseExtensionMessage({ ...init, strings: { ...strings, 'fn.Join': 42 } }), undefined, 'help is text');
    const reordered = { ...strings, 'expr.expectedCommaOrParen': "{1}: ',' eller ')' saknas efter argument {0}." };
    assert.equal(parseExtensionMessage({ ...init, strings: reordered })?.type, 'init', 'a translation may reorder placeholders');
    const lost = { ...strings, 'expr.expectedCommaOrParen': "',' eller ')' saknas efter argument {0}." };
    assert.equal(parseExtensionMessage({ ...init, strings: lost }), undefined, 'a translation keeps every placeholder');
    assert.equal(parseExtensionMessage({ ...init, target: { connectionId: 'c' } }), undefined, 'the job reference is complete');
    assert.equal(parseExtensionMessage({ type: 'document', document: { base: {}, objectMappings: [{ id: 1 }] }, reason: 'saved' }), undefined);
    assert.equal(parseExtensionMessage({ type: 'response', requestId: 4, ok: true, result: { kind: 'save', outcome: 'saved' } })?.type, 'response');
    assert.equal(parseExtensionMessage({ type: 'response', requestId: 4, ok: true, result: { kind: 'save', outcome: 'maybe' } }), undefined);
    const users = (assignment: unknown) => ({ type: 'response', requestId: 5, ok: true, result: { kind: 'users', users: [{ id: 'u', label: 'U', attributes: {}, assignment }] } });
    assert.equal(parseExtensionMessage(users({ assigned: false, syncAll: false }))?.type, 'response', 'a sample user carries its assignment');
    assert.equal(parseExtensionMessage(users(undefined))?.type, 'response', 'or none, when it could not be read');
    assert.equal(parseExtensionMessage(users({ assigned: 'yes', syncAll: false })), undefined);
  });
});
