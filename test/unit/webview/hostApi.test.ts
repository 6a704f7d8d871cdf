import * as assert from 'node:assert/strict';
import type { EditorRequest, WebviewToExtensionMessage } from '../../../src/shared/webviewProtocol';
import { DIALOG_REQUEST_TIMEOUT_MS, HostApi, REQUEST_TIMEOUT_MS, RequestTimeoutError, requestTimeoutMs } from '../../../webview/mappingEditor/hostApi';
import type { HostMessage, HostMessageSource } from '../../../webview/mappingEditor/hostApi';

/** Stands in for the page's window: delivers what the extension host would post. */
class HostWindow implements HostMessageSource {
  private readonly listeners: ((event: { readonly data: unknown }) => void)[] = [];
  addEventListener(_type: 'message', listener: (event: { readonly data: unknown }) => void): void {
    this.listeners.push(listener);
  }
  deliver(data: unknown): void {
    for (const listener of this.listeners) listener({ data });
  }
}

const users = (...names: string[]) => ({ kind: 'users', users: names.map((name) => ({ id: name, label: name, attributes: {} })) });

/** A HostApi wired to a stand-in window; `sent` is what reached the host. */
function connect(timeoutMs?: (request: EditorRequest) => number) {
  const window = new HostWindow();
  const sent: WebviewToExtensionMessage[] = [];
  const received: HostMessage[] = [];
  const host = new HostApi({ postMessage: (m) => sent.push(m), source: window, onMessage: (m) => received.push(m), timeoutMs });
  const requestIdOf = (index: number) => {
    const message = sent[index];
    assert.equal(message?.type, 'request');
    return message.requestId;
  };
  return { host, window, sent, received, requestIdOf };
}

describe('webview host API', () => {
  it('posts each request with its own id and settles each with the reply that repeats it', async () => {
    const { host, window, sent, requestIdOf } = connect();
    const first = host.request({ kind: 'searchUsers', query: 'An' });
    const second = host.request({ kind: 'sampleUsers', count: 2 });
    assert.deepEqual(sent.map((m) => m.type === 'request' && m.request.kind), ['searchUsers', 'sampleUsers']);
    assert.notEqual(requestIdOf(0), requestIdOf(1));

    // Answered out of order: each request still gets its own reply.
    window.deliver({ type: 'response', requestId: requestIdOf(1), ok: true, result: users('Bo', 'Cy') });
    window.deliver({ type: 'response', requestId: requestIdOf(0), ok: true, result: users('Ana') });
    assert.deepEqual(await first, users('Ana'));
    assert.deepEqual(await second, users('Bo', 'Cy'));
  });

  it('rejects with the host\'s error text when the reply says it failed', async () => {
    const { host, window, requestIdOf } = connect();
    const saving = host.request({ kind: 'save' });
    window.deliver({ type: 'response', requestId: requestIdOf(0), ok: false, error: 'Fix the 2 problem(s) first.' });
    await assert.rejects(saving, (e: Error) => !(e instanceof RequestTimeoutError) && e.message === 'Fix the 2 problem(s) first.');
  });

  it('rejects a request the host never answers, with an error that names it', async () => {
    const { host } = connect(() => 5);
    await assert.rejects(host.request({ kind: 'searchUsers', query: '' }), (e: Error) => e instanceof RequestTimeoutError && /no answer from the extension to "searchUsers"/.test(e.message));
  });

  it('ignores a reply that comes after its request timed out, even while a newer request waits', async () => {
    const { host, window, received, requestIdOf } = connect((request) => (request.kind === 'reload' ? 5 : REQUEST_TIMEOUT_MS));
    await assert.rejects(host.request({ kind: 'reload' }), RequestTimeoutError);

    const newer = host.request({ kind: 'searchUsers', query: 'B' });
    window.deliver({ type: 'response', requestId: requestIdOf(0), ok: true, result: { kind: 'done' } });
    window.deliver({ type: 'response', requestId: requestIdOf(1), ok: true, result: users('Bo') });
    assert.deepEqual(await newer, users('Bo'));
    assert.deepEqual(received, [], 'a late reply is not passed on as a message either');
  });

  it('passes on the host\'s other messages and drops what is not part of the protocol', () => {
    const { window, received } = connect();
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      window.deliver({ type: 'busy', busy: true });
      window.deliver({ type: 'busy', busy: 'yes' });
      window.deliver({ type: 'response', requestId: 0, ok: true, result: { kind: 'done' } });
    } finally {
      console.warn = warn;
    }
    assert.deepEqual(received, [{ type: 'busy', busy: true }]);
    assert.equal(warnings.length, 2);
  });

  it('gives the requests that wait on a modal dialog the long bound', () => {
    assert.equal(requestTimeoutMs({ kind: 'save' }), DIALOG_REQUEST_TIMEOUT_MS);
    assert.equal(requestTimeoutMs({ kind: 'reload' }), DIALOG_REQUEST_TIMEOUT_MS);
    assert.equal(requestTimeoutMs({ kind: 'restoreDefaults' }), REQUEST_TIMEOUT_MS);
    assert.equal(requestTimeoutMs({ kind: 'sampleUsers', count: 10 }), REQUEST_TIMEOUT_MS);
  });
});
