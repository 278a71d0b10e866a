import { describe, expect, it } from 'vitest';
import {
  decodeClassification,
  decodePost,
  encodeClassification,
  encodePost,
} from '../../src/store/embedded/row-codec.ts';
import { sampleClassification, samplePost } from '../helpers/sample-posts.ts';

describe('row codec', () => {
  it('round-trips a classification, leaving empty values out of the stored JSON', () => {
    const sparse = sampleClassification({ lead: true, level: 'yellow' });
    const full = sampleClassification({
      categories: ['wage_arrears'],
      risks: ['criminal'],
      amount_yuan: 1,
      amount_range: { min: 1, max: null },
      workers: 2,
      workers_range: { min: 2, max: 3 },
      months_owed: 4,
      place: 'p',
      town: 't',
      orgs: ['o'],
      pii: { phones: ['13812345678'], id_numbers: [] },
      departments: ['人社'],
      hits: [{ rule: 'r', terms: ['x'], score: 1 }],
    });
    for (const classification of [sparse, full])
      expect(decodeClassification(encodeClassification(classification))).toEqual(classification);
    expect(encodeClassification(sparse)).not.toContain('amount_yuan');
  });

  it('round-trips a post whose id, source and time live in columns', () => {
    const post = samplePost('1', '正文');
    const columns = { id: post.id, source: post.source, published_at: post.published_at };
    expect(encodePost(post)).not.toContain(post.id);
    expect(decodePost(encodePost(post), columns)).toEqual(post);
  });
});
