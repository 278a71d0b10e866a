import { describe, expect, it } from 'vitest';
import { intakeItemSchema } from '../../../src/leads/intake-item.ts';

// The schema is shared with the HTTP intake API and online posts; here what the import relies on.
describe('the intake item schema', () => {
  it('normalizes phones and ID numbers and defaults the complainant', () => {
    expect(
      intakeItemSchema.parse({
        external_id: ' A-1 ',
        description: '工资未付',
        complainant: { phone: '138-0013-8000', id_number: '11010519491231002x' },
      }),
    ).toEqual({
      external_id: 'A-1',
      description: '工资未付',
      complainant: { phone: '13800138000', id_number: '11010519491231002X' },
    });
    expect(intakeItemSchema.parse({ external_id: 'A-2', description: 'x' }).complainant).toEqual({});
  });

  it.each([
    [{ complainant: { phone: '12345' } }, 'complainant.phone'],
    [{ complainant: { id_number: '410102199003071258' } }, 'complainant.id_number'],
    [{ received_at: '2026-11-20 14:30' }, 'received_at'],
    [{ owed_from: '2026-02-30' }, 'owed_from'],
    [{ owed_from: '2026-01-15', owed_to: '2025-10-01' }, 'owed_to'],
    [{ workers: 1.5 }, 'workers'],
    [{ amount_yuan: -1 }, 'amount_yuan'],
    [{ description: '' }, 'description'],
    [{ source: 'sheet' }, ''],
  ])('refuses %j at %s', (patch, path) => {
    const result = intakeItemSchema.safeParse({ external_id: 'A-1', description: '工资未付', ...patch });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([path]);
  });
});
