import { describe, expect, it } from 'vitest';
import { buildDemoCorpus, type DemoPostKind, TOWNS } from '../../src/demo/corpus.ts';

const EXPECTED_KIND_COUNTS: Record<DemoPostKind, number> = {
  complaint: 44,
  mass_gathering: 14,
  extreme: 10,
  criminal: 8,
  resolved: 28,
  policy: 40,
  rumor: 12,
  pay_talk: 42,
  unrelated: 42,
};
const KIND_TOLERANCE = 3;

describe('buildDemoCorpus', () => {
  const corpus = buildDemoCorpus();

  it('returns 240 posts by default', () => {
    expect(corpus).toHaveLength(240);
  });

  it('gives every post a unique id and a unique text', () => {
    expect(new Set(corpus.map((post) => post.id)).size).toBe(corpus.length);
    expect(new Set(corpus.map((post) => post.text)).size).toBe(corpus.length);
  });

  it('is deterministic for the same count and seed', () => {
    expect(buildDemoCorpus()).toEqual(corpus);
    expect(buildDemoCorpus(50, 7)).toEqual(buildDemoCorpus(50, 7));
  });

  it('varies with the seed', () => {
    expect(buildDemoCorpus(50, 7)).not.toEqual(buildDemoCorpus(50, 8));
  });

  it('keeps each kind close to its planned share', () => {
    for (const [kind, expected] of Object.entries(EXPECTED_KIND_COUNTS)) {
      const actual = corpus.filter((post) => post.kind === kind).length;
      expect(actual, kind).toBeGreaterThanOrEqual(expected - KIND_TOLERANCE);
      expect(actual, kind).toBeLessThanOrEqual(expected + KIND_TOLERANCE);
    }
  });

  it('interleaves kinds instead of publishing them in blocks', () => {
    const firstThirty = new Set(corpus.slice(0, 30).map((post) => post.kind));
    expect(firstThirty.size).toBeGreaterThanOrEqual(5);
  });

  it('keeps texts within 60-260 characters and titles within 8-30', () => {
    for (const post of corpus) {
      expect([...post.text].length, post.id).toBeGreaterThanOrEqual(60);
      expect([...post.text].length, post.id).toBeLessThanOrEqual(260);
      expect([...post.title].length, post.id).toBeGreaterThanOrEqual(8);
      expect([...post.title].length, post.id).toBeLessThanOrEqual(30);
      expect(post.author.length, post.id).toBeGreaterThan(0);
    }
  });

  it('reports the town the text actually names, or null when it names none', () => {
    for (const post of corpus) {
      const named = TOWNS.filter((town) => post.text.includes(town));
      if (post.town === null) {
        expect(named, post.id).toEqual([]);
      } else {
        expect(TOWNS, post.id).toContain(post.town);
        expect(post.text, post.id).toContain(post.town);
        expect(named, post.id).toEqual([post.town]);
      }
    }
  });

  it('names a town in most wage-incident posts', () => {
    const incidentKinds: DemoPostKind[] = ['complaint', 'mass_gathering', 'extreme', 'criminal', 'resolved'];
    const incidents = corpus.filter((post) => incidentKinds.includes(post.kind));
    const withTown = incidents.filter((post) => post.town !== null);
    expect(withTown.length / incidents.length).toBeGreaterThan(0.8);
  });

  it('never prints an unmasked mobile number', () => {
    for (const post of corpus) expect(post.text, post.id).not.toMatch(/1[3-9]\d{9}/);
  });

  it('still produces 400 distinct texts for a larger corpus', () => {
    const large = buildDemoCorpus(400);
    expect(large).toHaveLength(400);
    expect(new Set(large.map((post) => post.text)).size).toBe(400);
    expect(new Set(large.map((post) => post.id)).size).toBe(400);
  });
});
