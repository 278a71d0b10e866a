/**
 * Makes String.prototype's properties fast again after a dependency has subclassed String.
 *
 * ioredis 6 declares `class VerbatimString extends String` for its RESP3 replies. When an object
 * becomes the prototype of a new class, V8 moves its properties to a dictionary; for
 * String.prototype that costs every `text.charCodeAt`, `text.slice`, `text.startsWith`… in the
 * process its inlined fast path. Classification ran about a fifth slower in any process that
 * had loaded ioredis (docs/benchmarks.md). A property read through a String wrapper object
 * lets V8 make the prototype fast again; call this once the modules are loaded.
 */
export function restoreFastStringPrototype(): void {
  const wrapper: { charCodeAt(at: number): number } = Object('');
  // V8 makes a prototype fast again once its property-read cache has been hit about ten times;
  // a test checks this still holds (test/app/fast-string-prototype.test.ts).
  for (let i = 0; i < 64; i++) readThroughWrapper(wrapper);
}

function readThroughWrapper(wrapper: { charCodeAt(at: number): number }): number {
  return wrapper.charCodeAt(0);
}
