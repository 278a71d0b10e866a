import { describe, expect, it } from 'vitest';
import {
  applyDecision,
  type CaseSubjectRecord,
  flagReasons,
  newCase,
  withGrownFlag,
} from '../../src/cases/police-case.ts';
import { sampleEvent } from '../helpers/sample-events.ts';
import { sampleLead } from './sample-lead.ts';

const at = '2026-11-26T10:00:00+08:00';
const police = { name: '刘警官', role: 'police' } as const;
const event = (risks: string[], threshold = false): CaseSubjectRecord => ({
  kind: 'event',
  event: sampleEvent({ risks, crime_threshold_hit: threshold }),
});
const lead = (
  risks: ('criminal' | 'extreme' | 'mass_gathering')[],
  threshold = false,
): CaseSubjectRecord => ({
  kind: 'lead',
  lead: sampleLead('lead-1', { risks, crime_threshold_reached: threshold }),
});

describe('flagReasons', () => {
  it.each([
    ['event: criminal', event(['criminal']), ['涉嫌犯罪']],
    ['event: extreme', event(['extreme']), ['存在极端行为风险']],
    ['event: mass gathering', event(['mass_gathering']), ['存在群体聚集风险']],
    ['event: crime threshold', event([], true), ['达到拒不支付劳动报酬罪立案标准']],
    ['event: unknown risk names are ignored', event(['rumor']), []],
    ['event: nothing', event([]), []],
    ['lead: criminal', lead(['criminal']), ['涉嫌犯罪']],
    ['lead: extreme', lead(['extreme']), ['存在极端行为风险']],
    ['lead: mass gathering', lead(['mass_gathering']), ['存在群体聚集风险']],
    ['lead: crime threshold', lead([], true), ['达到拒不支付劳动报酬罪立案标准']],
    ['lead: nothing', lead([]), []],
    [
      'all of them, crime first whatever the order they came in',
      lead(['mass_gathering', 'extreme', 'criminal'], true),
      ['涉嫌犯罪', '达到拒不支付劳动报酬罪立案标准', '存在极端行为风险', '存在群体聚集风险'],
    ],
  ])('%s', (_name, subject, reasons) => {
    const flag = flagReasons(subject);
    expect(flag.reasons).toEqual(reasons);
    expect(flag.qualifies).toBe(reasons.length > 0);
  });

  it('names the risks and the threshold apart from the reasons', () => {
    expect(flagReasons(event(['extreme', 'criminal'], true))).toEqual({
      qualifies: true,
      risks: ['criminal', 'extreme'],
      crime_threshold: true,
      reasons: ['涉嫌犯罪', '达到拒不支付劳动报酬罪立案标准', '存在极端行为风险'],
    });
  });
});

describe('a case', () => {
  const gathering = sampleEvent({ risks: ['mass_gathering'] });
  const subject: CaseSubjectRecord = { kind: 'event', event: gathering };
  const created = newCase(subject, flagReasons(subject), at);

  it('is keyed by its subject and starts pending', () => {
    expect(created).toMatchObject({
      id: `case:event:${gathering.id}`,
      subject: { kind: 'event' },
      status: 'pending',
      reasons: ['存在群体聚集风险'],
      flag_history: [{ at, added: ['存在群体聚集风险'] }],
    });
  });

  it('goes back to pending only when reasons are added, not when they stay or shrink', () => {
    const decided = applyDecision(created, { decision: 'keep_watching', reason: '继续关注' }, police, at);
    expect(withGrownFlag(decided, flagReasons(subject), at)).toBeNull();
    expect(withGrownFlag(decided, flagReasons(event([])), at)).toBeNull();
    const later = '2026-11-27T09:00:00+08:00';
    expect(withGrownFlag(decided, flagReasons(event(['extreme', 'mass_gathering'])), later)).toMatchObject({
      status: 'pending',
      risks: ['mass_gathering', 'extreme'],
      reasons: ['存在群体聚集风险', '存在极端行为风险'],
      flag_history: [{ at }, { at: later, added: ['存在极端行为风险'] }],
    });
  });

  it('records a trimmed decision with who and when', () => {
    const decided = applyDecision(
      created,
      { decision: 'transfer', reason: '  属经济纠纷  ', transfer_to: ' 县人社局劳动监察大队 ' },
      police,
      at,
    );
    expect(decided.status).toBe('decided');
    expect(decided.decisions).toEqual([
      { decision: 'transfer', reason: '属经济纠纷', transfer_to: '县人社局劳动监察大队', by: '刘警官', at },
    ]);
  });
});
