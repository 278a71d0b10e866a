import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exportEvidencePack, verifyEvidencePack } from '../../cases/evidence-pack.ts';
import {
  CASE_DECISION_ZH,
  CASE_DECISIONS,
  CASE_STATUS_ZH,
  CASE_SUBJECT_ZH,
  type CaseDecision,
  type CaseStatus,
  type PoliceCase,
} from '../../cases/police-case.ts';
import { decideCase, listCases, syncReviewQueue } from '../../cases/review-queue.ts';
import { type Actor, ROLES, type Role } from '../../domain/roles.ts';
import { errorMessage, PermanentError } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import { type CliIo, type Command, EXIT } from '../cli-io.ts';
import { withConfiguredStore } from '../with-store.ts';

const USAGE = `用法：
  wagewatch cases [--status pending|decided] [--json]      同步并列出公安研判队列
  wagewatch cases decide 案件ID --decision 结论 --reason 理由 [--transfer-to 单位] --by 姓名 --role police|admin
      结论：file_investigation（立案侦查）transfer（移交，须 --transfer-to）no_case（不予立案）keep_watching（持续关注）
  wagewatch cases export 案件ID --out 目录 --reason 事由 --by 姓名 --role police|admin
      导出证据包（含未脱敏个人信息，记入审计）
  wagewatch cases verify 目录                               校验证据包（不需要配置与数据）
`;

const STATUSES: readonly CaseStatus[] = ['pending', 'decided'];

type Values = ReturnType<typeof parse>['values'];

/** `wagewatch cases …`: the public-security review queue; decide, export and verify evidence packs. */
export const casesCommand: Command = async (args, io) => {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    return usage(io, errorMessage(error));
  }
  const { values: v, positionals } = parsed;
  const [sub, target] = positionals;
  if (sub === 'verify') return target ? verify(io, resolve(io.cwd, target)) : usage(io);
  if (sub && (!['decide', 'export'].includes(sub) || !target)) return usage(io);
  if (v.status && !STATUSES.includes(v.status as CaseStatus)) return usage(io, `未知状态：${v.status}`);
  const actor = sub ? actorFrom(v) : null;
  if (sub && !actor) return usage(io, `须填写 --by 姓名 与 --role 角色（${ROLES.join('|')}）`);
  if (sub === 'decide' && !CASE_DECISIONS.includes(v.decision as CaseDecision))
    return usage(io, `须填写 --decision：${CASE_DECISIONS.join('|')}`);
  // The decision schema is strict: say it here in Chinese rather than pass on zod's "Unrecognized key".
  if (sub === 'decide' && v['transfer-to'] !== undefined && v.decision !== 'transfer')
    return usage(io, '只有 transfer（移交）需要 --transfer-to');
  if (sub === 'export' && !v.out?.trim()) return usage(io, '须填写 --out 目录');

  return withConfiguredStore(io, async ({ store }) => {
    try {
      if (sub === 'decide') return await decide(io, store, target as string, v, actor as Actor);
      if (sub === 'export') return await exportPack(io, store, target as string, v, actor as Actor);
      return await list(io, store, v);
    } catch (error) {
      if (!(error instanceof PermanentError)) throw error;
      io.stderr.write(`${error.message}\n`);
      return EXIT.failure;
    }
  });
};

async function list(io: CliIo, store: Store, v: Values): Promise<number> {
  const synced = await syncReviewQueue(store);
  const cases = await listCases(store, v.status ? { status: v.status as CaseStatus } : {});
  if (v.json) {
    io.stdout.write(`${JSON.stringify(cases)}\n`);
    return EXIT.ok;
  }
  if (synced.created + synced.regrown > 0)
    io.stdout.write(`新入队 ${synced.created} 件，因新情况重回待研判 ${synced.regrown} 件\n`);
  if (cases.length === 0) io.stdout.write('没有案件\n');
  for (const c of cases) io.stdout.write(line(c));
  return EXIT.ok;
}

async function decide(io: CliIo, store: Store, caseId: string, v: Values, actor: Actor): Promise<number> {
  const input = {
    decision: v.decision,
    reason: v.reason,
    ...(v['transfer-to'] !== undefined ? { transfer_to: v['transfer-to'] } : {}),
  };
  const decided = await decideCase(store, caseId, input, actor);
  io.stdout.write(line(decided));
  return EXIT.ok;
}

async function exportPack(io: CliIo, store: Store, caseId: string, v: Values, actor: Actor): Promise<number> {
  const outDir = resolve(io.cwd, (v.out as string).trim());
  const pack = await exportEvidencePack(store, caseId, outDir, actor, { reason: v.reason ?? '' });
  io.stdout.write(
    `证据包已导出：${pack.dir}\n` +
      `  文件 ${pack.files.length} 个（另有 SHA256SUMS）\n` +
      `  manifest.json SHA-256：${pack.manifest_sha256}\n` +
      '注意：证据包含未脱敏的个人信息（姓名、电话、身份证号）和原始页面，仅供公安机关依法办案使用，请妥善保管、按规定移交，勿外传或留存副本。\n',
  );
  return EXIT.ok;
}

async function verify(io: CliIo, dir: string): Promise<number> {
  const result = await verifyEvidencePack(dir);
  if (result.ok) {
    io.stdout.write(`校验通过：${dir}\n`);
    return EXIT.ok;
  }
  io.stdout.write(`校验未通过：${dir}\n${result.problems.map((p) => `  ${p}\n`).join('')}`);
  return EXIT.failure;
}

/** One case in a few lines: id and status, subject, reasons, and the last decision if any. */
function line(c: PoliceCase): string {
  const last = c.decisions.at(-1);
  const decision = last
    ? `  最近研判：${CASE_DECISION_ZH[last.decision]}${last.transfer_to ? `（接收单位：${last.transfer_to}）` : ''}` +
      `　${last.by} ${last.at.slice(0, 16).replace('T', ' ')}　理由：${last.reason}\n`
    : '';
  return (
    `${c.id}　【${CASE_STATUS_ZH[c.status]}】${CASE_SUBJECT_ZH[c.subject.kind]} · ${c.title}　${c.town ?? '属地未识别'}\n` +
    `  原因：${c.reasons.join('；')}\n${decision}`
  );
}

function actorFrom(v: Values): Actor | null {
  const name = v.by?.trim();
  const role = v.role as Role | undefined;
  if (!name || !role || !ROLES.includes(role)) return null;
  return { name, role };
}

function usage(io: CliIo, why?: string): number {
  io.stderr.write(`${why ? `${why}\n` : ''}${USAGE}`);
  return EXIT.config;
}

function parse(args: readonly string[]) {
  const text = { type: 'string' } as const;
  return parseArgs({
    args: [...args],
    options: {
      json: { type: 'boolean', default: false },
      status: text,
      decision: text,
      reason: text,
      'transfer-to': text,
      out: text,
      by: text,
      role: text,
    },
    allowPositionals: true,
  });
}
