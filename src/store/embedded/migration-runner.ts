import type Database from 'better-sqlite3';
import { PermanentError } from '../../errors.ts';

/**
 * Brings a database file up to `target` of its forward-only `steps`, the version kept in SQLite's
 * `user_version`; refuses a file written by a newer release. Several worker processes may open a
 * new file at once: each step reads the version and migrates under the write lock (BEGIN
 * IMMEDIATE), so a step is done once and the others see it.
 */
export function runMigrations<T>(
  db: Database.Database,
  file: string,
  steps: readonly ((db: Database.Database, tools: T) => void)[],
  tools: T,
  options: { schema: string; target?: number },
): void {
  const latest = steps.length;
  const target = options.target ?? latest;
  const step = db.transaction((): boolean => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > latest) {
      throw new PermanentError(
        `${file} has ${options.schema} schema version ${current}, but this wagewatch knows only up to ${latest}: ` +
          'it was written by a newer release. Upgrade wagewatch or point WAGEWATCH_DATA_DIR elsewhere.',
        { code: 'store_schema_newer' },
      );
    }
    if (current >= target) return false;
    (steps[current] as (db: Database.Database, tools: T) => void)(db, tools);
    db.pragma(`user_version = ${current + 1}`);
    return true;
  });
  // A file already current costs one read, without taking the write lock.
  if ((db.pragma('user_version', { simple: true }) as number) === target) return;
  while (step.immediate()) {}
}
