import { inspect } from 'node:util';

/**
 * A value that must never reach a log, an error message or a printed config. Only `reveal()`
 * gives the text, so every place that uses a secret is easy to find.
 */
export class Secret {
  readonly #value: string;
  readonly envName: string;

  constructor(envName: string, value: string) {
    this.envName = envName;
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return `[secret from ${this.envName}]`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
