import { describe, expect, it } from 'vitest';
import { createEvidenceWriter } from '../../src/store/embedded/evidence-writer.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

const capture = {
  post_id: 'forum:1',
  url: 'http://forum.test/1',
  fetched_at: '2026-11-26T09:00:00+08:00',
  content_type: 'text/html',
  sha256: 'a'.repeat(64),
  body: Buffer.from('<p>讨薪</p>'),
};

describe('evidence writer thread', () => {
  it("answers with SQLite's error while the file cannot be opened, and tries again on the next write", async () => {
    // A folder is no SQLite file.
    const writer = createEvidenceWriter(await tempDir());
    const cannotOpen = { code: 'SQLITE_CANTOPEN', message: 'unable to open database file' };
    await expect(writer.put([capture])).rejects.toMatchObject(cannotOpen);
    await expect(writer.put([capture])).rejects.toMatchObject(cannotOpen);
    await writer.close();
  });

  it('answers an empty write at once, without starting a thread', async () => {
    const writer = createEvidenceWriter(await tempDir());
    await expect(writer.put([])).resolves.toBeUndefined();
    await writer.close();
  });
});
