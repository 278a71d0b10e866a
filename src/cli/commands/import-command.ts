import { parseArgs } from 'node:util';
import { buildClassifier } from '../../app/build-classifier.ts';
import { buildLeadServices } from '../../app/build-leads.ts';
import { errorMessage } from '../../errors.ts';
import { LeadSheetError } from '../../leads/import/lead-sheet-error.ts';
import { readLeadSheet } from '../../leads/import/read-sheet.ts';
import type { IntakeStatus } from '../../leads/lead-intake.ts';
import { createSilentLogger } from '../../logger.ts';
import { type Command, EXIT } from '../cli-io.ts';
import { withConfiguredStore } from '../with-store.ts';

const USAGE = `用法：
  wagewatch import leads 文件.xlsx|文件.csv --source 来源 [--json]
    来源为 config/leads.yaml 中 intake.sources 的一项（如 township-sheet）。
    有问题的行逐行列出（行号、列、原因），其余行照常导入；同一文件重复导入不会改变任何数据。
    退出码：0 全部导入；1 有行被拒；2 文件无法读取或参数有误。
`;

/** `wagewatch import leads FILE --source S`: a township's or platform's sheet into the lead ledger. */
export const importCommand: Command = async (args, io) => {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.stderr.write(`${errorMessage(error)}\n${USAGE}`);
    return EXIT.config;
  }
  const { values, positionals } = parsed;
  const [what, file] = positionals;
  if (what !== 'leads' || !file || !values.source) {
    io.stderr.write(USAGE);
    return EXIT.config;
  }
  const source = values.source;
  return withConfiguredStore(io, async ({ config, store, segmenter }) => {
    if (!Object.hasOwn(config.leads.intake.sources, source)) {
      io.stderr.write(
        `未知来源“${source}”：可用的来源有 ${Object.keys(config.leads.intake.sources).join('、')}（config/leads.yaml intake.sources）\n`,
      );
      return EXIT.config;
    }
    let sheet: Awaited<ReturnType<typeof readLeadSheet>>;
    try {
      sheet = await readLeadSheet(file, config.leads.import);
    } catch (error) {
      if (!(error instanceof LeadSheetError)) throw error;
      io.stderr.write(`${error.message}\n`);
      return EXIT.config;
    }
    const leads = buildLeadServices(config, store, buildClassifier(config, segmenter), createSilentLogger());
    const counts: Record<IntakeStatus, number> = { imported: 0, merged: 0, unchanged: 0 };
    const actor = `${config.leads.intake.sources[source]?.name ?? source}（表格导入）`;
    for (const { item } of sheet.items) counts[(await leads.intake.intake(source, { item }, actor)).status]++;
    if (values.json) io.stdout.write(`${JSON.stringify({ ...counts, rejected: sheet.rejected })}\n`);
    else {
      io.stdout.write(
        `${file}（工作表“${sheet.sheet}”，表头在第 ${sheet.header_row} 行）：新建 ${counts.imported} 条，并入已有线索 ${counts.merged} 条，未变 ${counts.unchanged} 条，拒收 ${sheet.rejected.length} 处\n`,
      );
      for (const r of sheet.rejected) io.stdout.write(`  第 ${r.row} 行「${r.column}」：${r.reason}\n`);
    }
    return sheet.rejected.length > 0 ? EXIT.failure : EXIT.ok;
  });
};

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    options: { source: { type: 'string' }, json: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
}
