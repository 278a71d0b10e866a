import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * Runs a snippet in a fresh Node with V8's natives syntax, which can tell whether an object's
 * properties are fast. The snippet prints one word per check.
 */
function runWithNatives(body: string): string[] {
  const script = `
    const { restoreFastStringPrototype } = await import('./src/app/fast-string-prototype.ts');
    const fast = () => String(%HasFastProperties(String.prototype));
    ${body}
  `;
  const output = execFileSync(
    process.execPath,
    ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: process.cwd(), encoding: 'utf8' },
  );
  return output.trim().split('\n');
}

describe('restoreFastStringPrototype', () => {
  it('makes String.prototype fast again after a class has extended String', () => {
    const [before, after] = runWithNatives(`
      class Tagged extends String {}
      console.log(fast());
      restoreFastStringPrototype();
      console.log(fast());
    `);
    expect([before, after]).toEqual(['false', 'true']);
  });

  it('undoes what loading ioredis does to String.prototype', () => {
    const [before, after] = runWithNatives(`
      await import('ioredis');
      console.log(fast());
      restoreFastStringPrototype();
      console.log(fast());
    `);
    expect([before, after]).toEqual(['false', 'true']);
  });
});
