import { describe, expect, it } from 'vitest';
import { decideLevel, type LevelFacts } from '../../classifiers/level-policy.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';

describe('level policy (config/levels.yaml)', async () => {
  const { levels } = await loadProjectConfig();
  const facts = (over: Partial<LevelFacts>): LevelFacts => {
    const base: LevelFacts = {
      lead: false,
      resolved: false,
      risks: [],
      categories: [],
      score: 0,
      workers: null,
      amountYuan: null,
      crimeThresholdReached: false,
    };
    return Object.assign(base, over);
  };

  it.each([
    ['lead with an extreme act', { lead: true, risks: ['extreme'] }, 'red'],
    ['lead with a gathering of 30 or more', { lead: true, risks: ['mass_gathering'], workers: 40 }, 'red'],
    ['lead with a smaller gathering', { lead: true, risks: ['mass_gathering'], workers: 12 }, 'orange'],
    ['lead with 30 or more workers', { lead: true, workers: 30 }, 'orange'],
    ['lead with a million yuan owed', { lead: true, amountYuan: 1_000_000 }, 'orange'],
    ['lead reaching the crime thresholds', { lead: true, crimeThresholdReached: true }, 'orange'],
    ['lead with signs of a crime', { lead: true, risks: ['criminal'] }, 'orange'],
    ['plain lead', { lead: true, score: 30 }, 'yellow'],
    ['wage-related, not a lead', { categories: ['policy'] }, 'blue'],
    ['risk words without a lead stay unrated', { risks: ['extreme'] }, 'none'],
    ['nothing at all', {}, 'none'],
  ] as const)('%s → %s', (_name, over, level) => {
    expect(decideLevel(levels, facts(over as Partial<LevelFacts>))).toBe(level);
  });
});
