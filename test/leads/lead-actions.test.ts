import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/roles.ts';
import { applyLeadAction, type LeadActionContext } from '../../src/leads/lead-actions.ts';
import type { Lead, LeadState } from '../../src/leads/lead-record.ts';
import { sampleLead } from '../helpers/sample-leads.ts';

const ctx: LeadActionContext = {
  now: '2026-11-23T10:00:00+08:00',
  towns: ['河口镇', '石桥镇'],
  deadlineFor: () => ({ days: 10, due_at: '2026-12-07T23:59:59+08:00' }),
};
const admin: Actor = { name: '管理员', role: 'admin' };
const hr: Actor = { name: '人社局刘科长', role: 'hr' };
const owner: Actor = { name: '河口镇张干事', role: 'unit', unit: '河口镇' };
const dept: Actor = { name: '住建局李工', role: 'unit', unit: '住建' };
const stranger: Actor = { name: '石桥镇王干事', role: 'unit', unit: '石桥镇' };
const monitor: Actor = { name: '网信办值班员', role: 'monitor' };
const police: Actor = { name: '公安民警', role: 'police' };
const system: Actor = { name: '系统', role: 'system' };

const FIELDS: Record<string, object> = {
  assign: { town: '石桥镇' },
  forward: { to: '邻县人社局', note: '属地在外县' },
  sign: {},
  return: { reason: '项目在石桥镇' },
  verify: { note: '经核查属实' },
  unfound: { reason: '经核查工资已按时发放' },
  resolve: { paid_yuan: 480_000, workers_paid: 32, paid_on: '2026-12-01', note: '总包单位代发' },
  follow_up: { result: 'satisfied', note: '电话回访满意' },
  close: { note: '办结' },
  reopen: { reason: '农民工再次反映' },
};

/** Which actor may take each action, from which state, and the state it leads to. */
const ALLOWED: [string, LeadState, Actor, LeadState][] = [
  ['assign', 'new', hr, 'assigned'],
  ['assign', 'assigned', admin, 'assigned'],
  ['forward', 'new', hr, 'closed'],
  ['sign', 'assigned', owner, 'verifying'],
  ['sign', 'assigned', dept, 'verifying'],
  ['return', 'assigned', owner, 'new'],
  ['verify', 'verifying', owner, 'verified'],
  ['unfound', 'verifying', hr, 'unfounded'],
  ['resolve', 'verified', owner, 'resolved'],
  ['follow_up', 'resolved', hr, 'resolved'],
  ['close', 'unfounded', hr, 'closed'],
  ['reopen', 'closed', hr, 'verifying'],
  ['reopen', 'resolved', system, 'verifying'],
];

const REFUSED: [string, LeadState, Actor, string][] = [
  ['assign', 'new', owner, 'forbidden'],
  ['assign', 'new', monitor, 'forbidden'],
  ['sign', 'assigned', stranger, 'forbidden'],
  ['sign', 'assigned', hr, 'forbidden'],
  ['sign', 'assigned', police, 'forbidden'],
  ['verify', 'verifying', stranger, 'forbidden'],
  ['close', 'resolved', owner, 'forbidden'],
  ['reopen', 'closed', owner, 'forbidden'],
  ['sign', 'verifying', owner, 'invalid_state'],
  ['resolve', 'verifying', owner, 'invalid_state'],
  ['close', 'verified', hr, 'invalid_state'],
  ['reopen', 'verifying', hr, 'invalid_state'],
  ['forward', 'assigned', hr, 'invalid_state'],
];

function leadIn(state: LeadState): Lead {
  const lead = sampleLead(state);
  if (state !== 'new' && state !== 'assigned')
    lead.work.signed = { by: '河口镇张干事', at: '2026-11-21T09:00:00+08:00' };
  return lead;
}

describe('lead actions: states, roles and required fields', () => {
  it.each(ALLOWED)('%s from %s by %o leads to %s', (action, from, actor, to) => {
    const after = applyLeadAction(leadIn(from), { action, ...FIELDS[action] }, actor, ctx);
    expect(after.work.state).toBe(to);
    expect(after.updated_at).toBe(ctx.now);
  });

  it.each(REFUSED)('%s from %s by %o is refused (%s)', (action, from, actor, code) => {
    expect(() => applyLeadAction(leadIn(from), { action, ...FIELDS[action] }, actor, ctx)).toThrow(
      expect.objectContaining({ code }),
    );
  });

  it('starts the clock when the owning unit signs, not when the lead arrived', () => {
    const after = applyLeadAction(leadIn('assigned'), { action: 'sign' }, owner, ctx);
    expect(after.work).toMatchObject({
      signed: { by: '河口镇张干事', at: ctx.now },
      due_at: '2026-12-07T23:59:59+08:00',
      deadline_days: 10,
    });
  });

  it('needs its fields: a resolution says what was paid to whom and when; unfounded says why', () => {
    const missing = [
      { action: 'resolve', paid_yuan: 1000, workers_paid: 2, note: '已付' },
      { action: 'resolve', paid_yuan: -1, workers_paid: 2, paid_on: '2026-12-01', note: '已付' },
      { action: 'unfound', reason: '  ' },
      { action: 'return' },
      { action: 'assign', town: '火星镇' },
      { action: 'fly' },
    ];
    for (const input of missing) {
      const from =
        input.action === 'resolve' ? 'verified' : input.action === 'unfound' ? 'verifying' : 'assigned';
      expect(() => applyLeadAction(leadIn(from), input, admin, ctx), JSON.stringify(input)).toThrow(
        expect.objectContaining({ code: 'invalid_action' }),
      );
    }
  });

  it('closes a resolved lead only after a satisfied (or unreachable) follow-up; an unhappy one must reopen', () => {
    const resolved = leadIn('resolved');
    expect(() => applyLeadAction(resolved, { action: 'close' }, hr, ctx)).toThrow(/办结前须先登记回访结果/);
    const unhappy = applyLeadAction(
      resolved,
      { action: 'follow_up', result: 'unsatisfied', note: '只发了一半' },
      hr,
      ctx,
    );
    expect(() => applyLeadAction(unhappy, { action: 'close' }, hr, ctx)).toThrow(/回访不满意/);
    const happy = applyLeadAction(
      resolved,
      { action: 'follow_up', result: 'satisfied', note: '已到账' },
      owner,
      ctx,
    );
    expect(applyLeadAction(happy, { action: 'close' }, hr, ctx).work).toMatchObject({
      state: 'closed',
      closed: { by: '人社局刘科长' },
    });
  });

  it('sends a returned lead back to the HR bureau without owner, keeping the reason', () => {
    const after = applyLeadAction(
      leadIn('assigned'),
      { action: 'return', reason: '项目在石桥镇' },
      owner,
      ctx,
    );
    expect(after.work).toMatchObject({ state: 'new', owner_town: null, owner_departments: [] });
    expect(after.work.returns).toEqual([{ by: '河口镇张干事', at: ctx.now, reason: '项目在石桥镇' }]);
  });
});
