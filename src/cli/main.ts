import { restoreFastStringPrototype } from '../app/fast-string-prototype.ts';
import { type CliIo, type Command, EXIT } from './cli-io.ts';
import { casesCommand } from './commands/cases-command.ts';
import { classifyCommand } from './commands/classify-command.ts';
import { configCommand } from './commands/config-command.ts';
import { crawlCommand } from './commands/crawl-command.ts';
import { demoCommand } from './commands/demo-command.ts';
import { evalCommand } from './commands/eval-command.ts';
import { eventsCommand } from './commands/events-command.ts';
import { importCommand } from './commands/import-command.ts';
import { leadsCommand } from './commands/leads-command.ts';
import { queuesCommand } from './commands/queues-command.ts';
import { reportCommand } from './commands/report-command.ts';
import { retentionCommand } from './commands/retention-command.ts';
import { rulesCommand } from './commands/rules-command.ts';
import { searchCommand } from './commands/search-command.ts';
import { silenceCommand } from './commands/silence-command.ts';
import { sourcesCommand } from './commands/sources-command.ts';
import { startCommand, workerCommand } from './commands/start-command.ts';
import { tokenCommand } from './commands/token-command.ts';
import { userCommand } from './commands/user-command.ts';

const COMMANDS: Readonly<Record<string, Command>> = {
  start: startCommand,
  worker: workerCommand,
  demo: demoCommand,
  crawl: crawlCommand,
  config: configCommand,
  classify: classifyCommand,
  eval: evalCommand,
  rules: rulesCommand,
  search: searchCommand,
  events: eventsCommand,
  silence: silenceCommand,
  leads: leadsCommand,
  cases: casesCommand,
  import: importCommand,
  token: tokenCommand,
  user: userCommand,
  report: reportCommand,
  retention: retentionCommand,
  queues: queuesCommand,
  sources: sourcesCommand,
};

const USAGE = `wagewatch — 根治欠薪舆情与线索监测

用法：
  wagewatch start                     在本进程运行全部环节（采集、分类、入库、事件、预警）及确认链接服务
  wagewatch worker <环节>             只运行一个环节：collect | classify | index | event | alert
  wagewatch demo [--duration 秒]      在本机演示站点上运行完整流程
  wagewatch crawl <来源> --once       手动采集一轮并列出读到的帖子（不进入流水线）
  wagewatch config check              校验 config/ 下的全部配置
  wagewatch classify --text "…"       对一段文本分类并输出 JSON（--jsonl 文件：逐行分类）
  wagewatch eval 标注.jsonl           用标注数据评估分类器（精确率、召回率、F1）
  wagewatch rules test [--candidate 目录]  用候选规则回测已入库帖子，显示线索与等级变化
  wagewatch search [关键词…] [选项]   检索已入库的帖子（--since --level --town … --by day,town 计数）
  wagewatch events [ack|resolve 事件ID --by 姓名]   查看事件；确认或处置（记入审计）
  wagewatch silence add|list|end …    静默某事件、关键词或来源（记入审计）
  wagewatch leads [show|act|split …]  线索台账：列出、查看（脱敏）、分派/签收/核实/解决/办结、拆分（记入审计）
  wagewatch cases [decide|export|verify …]  公安研判队列：列出、研判、导出证据包（未脱敏，记入审计）、校验证据包
  wagewatch import leads 文件 --source 来源   导入乡镇/平台线索表（.xlsx/.csv），逐行报告问题
  wagewatch token add|list|revoke     接入平台的接口令牌（仅保存散列）
  wagewatch user add|passwd|disable|enable|totp-reset|list   控制台账号（密码经标准输入，记入审计）
  wagewatch report weekly|monthly [--format html|xlsx|md] [--send]   生成周调度或月通报
  wagewatch retention [--dry-run]     删除超过保留期的帖子与页面留存（每晚 03:30 自动执行）
  wagewatch queues [--failed]         查看各队列积压与失败任务
  wagewatch sources [--json]          查看各来源健康状况（最近成功、失败率、凭证、新帖数）

环境变量：REDIS_URL、WAGEWATCH_DATA_DIR、WAGEWATCH_CONFIG_DIR、WAGEWATCH_LOG_LEVEL、
          WAGEWATCH_ALERT_WEBHOOK_URL、WAGEWATCH_ALERT_WEBHOOK_SECRET（详见 README）
`;

async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(USAGE);
    return name ? EXIT.ok : EXIT.config;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`未知命令：${name}\n\n${USAGE}`);
    return EXIT.config;
  }
  try {
    return await command(args, io);
  } catch (error) {
    if (
      (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      io.stderr.write(`${(error as Error).message}\n`);
      return EXIT.config;
    }
    io.stderr.write(`wagewatch ${name} 失败：${(error as Error).stack ?? error}\n`);
    return EXIT.failure;
  }
}

// Every module is loaded by now, ioredis among them, which leaves String.prototype slow.
restoreFastStringPrototype();
const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
// Open handles (a stray timer, a keep-alive socket) must not keep a finished command alive.
setTimeout(() => process.exit(code), 2000).unref();
