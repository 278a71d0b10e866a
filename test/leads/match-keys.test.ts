import { describe, expect, it } from 'vitest';
import { createMatchKeys } from '../../src/leads/match-keys.ts';

const keys = createMatchKeys('test-key');
const companyKeys = (...companies: string[]) => keys({ companies, projects: [], phones: [], id_numbers: [] });

describe('match keys', () => {
  it('give two spellings of one company one key, and two companies two', () => {
    expect(companyKeys('青禾建工有限公司')).toEqual(companyKeys('青禾建工公司'));
    expect(companyKeys('青禾鑫达建设工程有限公司')).toEqual(companyKeys('青禾鑫达建设公司'));
    expect(companyKeys('青禾建工有限公司')).not.toEqual(companyKeys('河口建工有限公司'));
  });

  it('give no key to a name that only says what a business does, so unrelated employers never meet', () => {
    for (const generic of ['建筑工程有限公司', '食品加工厂', '劳务公司', '装饰工程公司', '物流有限公司'])
      expect(companyKeys(generic), generic).toEqual([]);
    expect(companyKeys('鑫达食品加工厂')).toHaveLength(1);
  });

  it('keep phones and ID numbers as keyed hashes only', () => {
    const [phone] = keys({ companies: [], projects: [], phones: ['138-1234-5678'], id_numbers: [] });
    expect(phone).toMatch(/^phone:[0-9a-f]{32}$/);
    expect(phone).toBe(keys({ companies: [], projects: [], phones: ['13812345678'], id_numbers: [] })[0]);
  });
});
