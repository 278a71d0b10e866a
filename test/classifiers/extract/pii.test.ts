import { describe, expect, it } from 'vitest';
import { findPii, isValidIdNumber, maskIdNumber, maskPhone } from '../../../classifiers/extract/pii.ts';

describe('personal data', () => {
  it('finds mobile numbers with or without separators, but not masked ones', () => {
    expect(findPii('联系电话13812345678，或者 139-1234-5678，老板电话138****5678').phones).toEqual([
      '13812345678',
      '13912345678',
    ]);
  });

  it('accepts an ID number only when its check digit holds', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('110105194913310028')).toBe(false); // month 13
    expect(findPii('身份证号11010519491231002x，另一个110105194912310021').id_numbers).toEqual([
      '11010519491231002X',
    ]);
  });

  it('masks the way the console shows them', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});
