import { describe, expect, it } from 'vitest';
import { compileRules, mayFire, ruleFires, scopeMatches } from '../../classifiers/rules/compile-rules.ts';
import type { RuleFile } from '../../classifiers/rules/rule-schema.ts';
import { buildSegmenter } from '../../src/app/build-classifier.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { labelledTexts } from '../helpers/texts.ts';

const ALL_FACTS = 0xff;

describe('rule triggers', () => {
  it('never pass over a shipped rule that fires, on any labelled text', async () => {
    const config = await loadProjectConfig();
    const segmenter = buildSegmenter(config);
    const rules = compileRules(config.rules);
    let fired = 0;
    let passedOver = 0;
    for (const text of labelledTexts()) {
      const matches = rules.matcher.match(segmenter.cut(text));
      rules.rules.forEach((rule, r) => {
        // Every fact stated, so a rule's facts never stop it and its groups alone decide.
        const fires = ruleFires(rule, scopeMatches(matches, -1), ALL_FACTS);
        const may = mayFire(rules.triggers, r, matches.lists);
        if (fires) expect(may, `${rule.id} on ${text.slice(0, 40)}`).toBe(true);
        if (fires) fired++;
        if (!may) passedOver++;
      });
    }
    expect(fired).toBeGreaterThan(1000);
    // The point of triggers: most rules are passed over without being read.
    expect(passedOver).toBeGreaterThan(fired);
  });

  it('take a rule with no group condition as always possible, and one with an unknown group as never', () => {
    const match = (condition: object) => ({
      any: [],
      all: [],
      none: [],
      near: [],
      has: [],
      lacks: [],
      scope: 'any',
      ...condition,
    });
    const compiled = compileRules([
      {
        groups: { pay: { terms: ['工资'] } },
        rules: [
          { id: 'facts-only', score: 1, set: {}, match: match({ has: ['amount'] }) },
          { id: 'needs-pay', score: 1, set: {}, match: match({ all: ['pay'] }) },
          { id: 'needs-missing', score: 1, set: {}, match: match({ all: ['missing'] }) },
        ],
        industries: [],
      } as unknown as RuleFile,
    ]);
    const none = compiled.matcher.match(['今天', '天气']).lists;
    const pay = compiled.matcher.match(['发', '工资']).lists;
    expect([0, 1, 2].map((r) => mayFire(compiled.triggers, r, none))).toEqual([true, false, false]);
    expect([0, 1, 2].map((r) => mayFire(compiled.triggers, r, pay))).toEqual([true, true, false]);
  });
});
