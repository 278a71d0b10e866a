import { describe, expect, it } from 'vitest';
import { decideLevel, type LevelFacts } from '../../classifiers/level-policy.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';

describe('level policy (config/levels.yaml)', async () => {
  const { levels } = await loadProjectConfig();
  const facts = (over: Partial<LevelFacts>): LevelFacts => ({
    lead: false,
    resolved: false,
    risks: [],
    categories: [],
    score: 0,
    ...over,
  });

  it.each([
    ['lead with an extreme act', { lead: true, risks: ['extreme'] }, 'red'],
    ['lead with a mass gathering', { lead: true, risks: ['mass_gathering'] }, 'red'],
    ['lead with signs of a crime', { lead: true, risks: ['criminal'] }, 'orange'],
    ['lead with a high score', { lead: true, score: 95 }, 'orange'],
    ['plain lead', { lead: true, score: 30 }, 'yellow'],
    ['wage-related, not a lead', { categories: ['policy'] }, 'blue'],
    ['risk words without a lead stay unrated', { risks: ['extreme'] }, 'none'],
    ['nothing at all', {}, 'none'],
  ] as const)('%s → %s', (_name, over, level) => {
    expect(decideLevel(levels, facts(over as Partial<LevelFacts>))).toBe(level);
  });
});
