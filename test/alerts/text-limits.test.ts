import { describe, expect, it } from 'vitest';
import { splitToBytes, trimToBytes, utf8Bytes } from '../../src/alerts/channels/text-limits.ts';

describe('message size limits', () => {
  it('trims Chinese text on a character boundary and says it was cut', () => {
    const text = '拖欠农民工工资'.repeat(100);
    const trimmed = trimToBytes(text, 100);
    expect(utf8Bytes(trimmed)).toBeLessThanOrEqual(100);
    expect(trimmed.endsWith('…（已截断）')).toBe(true);
    expect(trimToBytes('短消息', 100)).toBe('短消息');
  });

  it('splits at line breaks into parts that each fit', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `第${i}条：河口镇工地拖欠工资`);
    const parts = splitToBytes(lines.join('\n'), 200);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(utf8Bytes(part)).toBeLessThanOrEqual(200);
    expect(parts.join('\n')).toBe(lines.join('\n'));
  });
});
