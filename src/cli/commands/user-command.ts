import { parseArgs } from 'node:util';
import {
  type Account,
  changePassword,
  countAccounts,
  createAccount,
  listAccounts,
  resetTotp,
  setDisabled,
  summarizeAccount,
} from '../../auth/accounts.ts';
import { ROLES, type Role } from '../../domain/roles.ts';
import { errorMessage, PermanentError } from '../../errors.ts';
import type { AppConfig } from '../../settings/load-config.ts';
import type { Store } from '../../store/store.ts';
import { type CliIo, type Command, EXIT } from '../cli-io.ts';
import { withConfiguredStore } from '../with-store.ts';

const USAGE = `用法：
  wagewatch user add 用户名 --name 显示名 --role 角色 [--unit 单位] --by 操作人 --password-stdin
      新建账号，密码从标准输入读一行；admin 与 police 须用动态口令，其密钥（otpauth:// 链接）只显示这一次。
      尚无任何账号时只能先建 admin，可省略 --by（记为 first-run）
  wagewatch user passwd 用户名 --by 操作人 --password-stdin      重设密码（从标准输入读一行），并解除锁定
  wagewatch user disable|enable 用户名 --by 操作人               停用或重新启用账号
  wagewatch user totp-reset 用户名 --by 操作人                   换发动态口令密钥，旧的作废
  wagewatch user list                                            列出账号（不含密码散列与密钥）
  角色：${ROLES.join(' ')}；unit 角色须用 --unit 写明所属乡镇或部门。
  密码至少 12 个字符，含小写字母、大写字母、数字、其他字符中的至少 3 类，且不得包含用户名。
  例：read -rs PW && printf '%s\\n' "$PW" | wagewatch user passwd zhangwei --by 李娜 --password-stdin
`;

/** The name recorded as the creator of the first admin, made before anyone could be named. */
const FIRST_RUN = 'first-run';

/** Reads the one line a password arrives on; null when nothing came. */
export type PasswordReader = () => Promise<string | null>;

/**
 * `wagewatch user …`: console accounts. Passwords come only from stdin, never from the command
 * line (which `ps` and shell history would keep); there is no default password.
 */
export function createUserCommand(readPassword: PasswordReader): Command {
  return async (args, io) => {
    let parsed: ReturnType<typeof parse>;
    try {
      parsed = parse(args);
    } catch (error) {
      return usage(io, errorMessage(error));
    }
    const { values: v, positionals } = parsed;
    const [sub, username, extra] = positionals;
    if (extra !== undefined) return usage(io, `多余的参数：${extra}`);
    if (sub !== 'list' && !username) return usage(io);
    const needsPassword = sub === 'add' || sub === 'passwd';
    if (needsPassword && !v['password-stdin']) return usage(io, '须用 --password-stdin 从标准输入提供密码');
    return withConfiguredStore(io, async ({ config, store }) => {
      try {
        return await run(sub, username ?? '', v, { io, config, store, readPassword });
      } catch (error) {
        if (!(error instanceof PermanentError)) throw error;
        io.stderr.write(`${error.message}\n`);
        return EXIT.failure;
      }
    });
  };
}

interface Context {
  io: CliIo;
  config: AppConfig;
  store: Store;
  readPassword: PasswordReader;
}

type Values = ReturnType<typeof parse>['values'];

async function run(sub: string | undefined, username: string, v: Values, ctx: Context): Promise<number> {
  const { io, store } = ctx;
  if (sub === 'list') return list(io, await listAccounts(store));
  if (sub === 'add') return add(username, v, ctx);
  if (!v.by) return usage(io, '须用 --by 写明操作人');
  if (sub === 'passwd') {
    await changePassword(store, username, await password(ctx), v.by);
    io.stdout.write(`已重设 ${username} 的密码\n`);
    return EXIT.ok;
  }
  if (sub === 'disable' || sub === 'enable') {
    const disabled = sub === 'disable';
    const changed = await setDisabled(store, username, disabled, v.by);
    const state = disabled ? '停用' : '启用';
    io.stdout.write(changed ? `已${state} ${username}\n` : `${username} 本已${state}\n`);
    return EXIT.ok;
  }
  if (sub === 'totp-reset') {
    const uri = await resetTotp(store, username, v.by);
    io.stdout.write(totpNotice(username, uri));
    return EXIT.ok;
  }
  return usage(io);
}

async function add(username: string, v: Values, ctx: Context): Promise<number> {
  const { io, config, store } = ctx;
  if (!v.name || !v.role) return usage(io, '须写明 --name 与 --role');
  if (!(ROLES as readonly string[]).includes(v.role)) return usage(io, `未知角色：${v.role}`);
  const role = v.role as Role;
  const firstRun = (await countAccounts(store)) === 0;
  if (firstRun && role !== 'admin') {
    io.stderr.write('尚无任何账号：请先新建管理员（--role admin），再由管理员新建其他账号\n');
    return EXIT.failure;
  }
  const by = v.by ?? (firstRun ? FIRST_RUN : null);
  if (!by) return usage(io, '须用 --by 写明操作人');
  if (role === 'unit' && v.unit && !knownUnits(config).includes(v.unit))
    return usage(io, `未知单位“${v.unit}”：须为 config/gazetteer.yaml 的乡镇或 config/routing.yaml 的部门`);
  const made = await createAccount(store, {
    username,
    display_name: v.name,
    role,
    unit: v.unit ?? null,
    password: await password(ctx),
    createdBy: by,
  });
  io.stdout.write(
    `已新建用户 ${username}（${made.account.display_name}，${role}${unitLabel(made.account)}）\n`,
  );
  if (made.totpUri) io.stdout.write(totpNotice(username, made.totpUri));
  return EXIT.ok;
}

async function password(ctx: Context): Promise<string> {
  const line = await ctx.readPassword();
  if (!line) throw new PermanentError('未从标准输入读到密码', { code: 'invalid_account' });
  return line;
}

function list(io: CliIo, accounts: readonly Account[]): number {
  if (accounts.length === 0) {
    io.stdout.write(
      '尚无账号；先用 wagewatch user add 用户名 --name 显示名 --role admin --password-stdin 新建管理员\n',
    );
    return EXIT.ok;
  }
  const now = new Date();
  for (const account of accounts) {
    const s = summarizeAccount(account, now);
    const state = s.disabled ? '已停用' : '正常';
    const lock = s.locked_until ? `锁定至 ${s.locked_until}` : '未锁定';
    io.stdout.write(
      `${s.username}　${s.display_name}　${s.role}　单位 ${s.unit ?? '-'}　${state}　${lock}　动态口令 ${s.totp ? '开' : '关'}\n`,
    );
  }
  return EXIT.ok;
}

function totpNotice(username: string, uri: string): string {
  return `${username} 的动态口令密钥（只显示这一次，请在身份验证器中扫码或导入）：\n${uri}\n`;
}

function unitLabel(account: Account): string {
  return account.unit ? `，${account.unit}` : '';
}

/** Townships from the gazetteer and every department the routing names: what a `unit` account may belong to. */
function knownUnits(config: AppConfig): string[] {
  const d = config.routing.departments;
  const departments = [
    d.default,
    ...Object.values(d.by_industry),
    ...Object.values(d.by_risk),
    ...Object.values(d.by_group),
  ];
  return [...config.gazetteer.towns.map((t) => t.name), ...departments.flatMap((list) => list ?? [])];
}

function usage(io: CliIo, why?: string): number {
  io.stderr.write(`${why ? `${why}\n` : ''}${USAGE}`);
  return EXIT.config;
}

function parse(args: readonly string[]) {
  const text = { type: 'string' } as const;
  return parseArgs({
    args: [...args],
    options: { name: text, role: text, unit: text, by: text, 'password-stdin': { type: 'boolean' } },
    allowPositionals: true,
  });
}

/** One line from stdin, without its line ending; a terminal is refused, since it would echo the password. */
async function readStdinLine(): Promise<string | null> {
  if (process.stdin.isTTY)
    throw new PermanentError(
      '密码不能在终端明文输入：请经管道提供，例如 read -rs PW && printf \'%s\\n\' "$PW" | wagewatch user …',
      {
        code: 'invalid_account',
      },
    );
  process.stdin.setEncoding('utf8');
  let text = '';
  for await (const chunk of process.stdin) {
    text += chunk as string;
    if (text.includes('\n') || text.length > 4096) break;
  }
  const line = text.split('\n')[0]?.replace(/\r$/, '') ?? '';
  return line === '' ? null : line;
}

export const userCommand: Command = createUserCommand(readStdinLine);
