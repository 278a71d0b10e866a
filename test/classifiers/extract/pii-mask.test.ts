import { describe, expect, it } from 'vitest';
import { maskPii } from '../../../classifiers/extract/pii.ts';

describe('masking personal data in free text', () => {
  it('masks phones however separated and ID numbers, and leaves other numbers alone', () => {
    expect(maskPii('联系人老王 138-1234-5678，身份证 11010519491231002X，欠薪 35000 元')).toBe(
      '联系人老王 138****5678，身份证 110105********002X，欠薪 35000 元',
    );
    expect(maskPii('电话13812345678')).toBe('电话138****5678');
  });
});
