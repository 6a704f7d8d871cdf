/**
 * Why a value received from another trust domain (a webview) is too large or too deeply nested to
 * be a message, or undefined when it is within the bounds. Counted without recursion (characters
 * of strings and keys plus one per value), and stops as soon as a bound is passed, so even a huge
 * value costs no more than the bound to refuse. Each webview protocol passes its own bounds.
 */
export function messageBoundsProblem(value: unknown, maxSize: number, maxDepth: number): string | undefined {
  let size = 0;
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length) {
    const [current, depth] = pending.pop()!;
    size += typeof current === 'string' ? current.length + 1 : 1;
    if (size > maxSize) return `larger than ${maxSize} characters`;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > maxDepth) return `nested deeper than ${maxDepth} levels`;
    if (Array.isArray(current)) {
      // Holes count as values too: a sparse array's length is what a walk would step through.
      if (size + current.length > maxSize) return `larger than ${maxSize} characters`;
      for (let i = 0; i < current.length; i++) pending.push([current[i], depth + 1]);
      continue;
    }
    for (const key of Object.keys(current)) {
      size += key.length;
      if (size > maxSize) return `larger than ${maxSize} characters`;
      pending.push([(current as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return undefined;
}
