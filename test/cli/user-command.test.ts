import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildSegmenter } from '../../src/app/build-classifier.ts';
import { buildStore } from '../../src/app/build-store.ts';
import { createAccount, getAccount, type NewAccount } from '../../src/auth/accounts.ts';
import { verifyPassword } from '../../src/auth/password.ts';
import type { Role } from '../../src/domain/roles.ts';
import { createSilentLogger } from '../../src/logger.ts';
import type { Store } from '../../src/store/store.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { BIN, type CliRun, withoutWagewatchEnv } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const PASSWORD = 'Qinghe-2026-冬季';

/** Like runCli, but with `input` written to the child's stdin (the only way a password arrives). */
function runWithStdin(args: readonly string[], input: string, env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...withoutWagewatchEnv(process.env), ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

describe('wagewatch user', () => {
  it(
    'creates the admin first (by first-run), then others with an operator',
    { timeout: 120_000 },
    async () => {
      const dataDir = await tempDir();
      const user = (args: string[], input = '') =>
        runWithStdin(['user', ...args], input, { WAGEWATCH_DATA_DIR: dataDir });

      const empty = await user(['list']);
      expect(empty.code).toBe(0);
      expect(empty.stdout).toContain('尚无账号');

      const early = await user(
        ['add', 'zhangwei', '--name', '张伟', '--role', 'monitor', '--by', '李娜', '--password-stdin'],
        `${PASSWORD}\n`,
      );
      expect(early.code).toBe(1);
      expect(early.stderr).toContain('尚无任何账号：请先新建管理员（--role admin）');

      const admin = await user(
        ['add', 'admin', '--name', '管理员', '--role', 'admin', '--password-stdin'],
        `${PASSWORD}\r\n`,
      );
      expect(admin.stderr).toBe('');
      expect(admin.code).toBe(0);
      expect(admin.stdout).toContain('已新建用户 admin（管理员，admin）');
      expect(admin.stdout).toMatch(/^otpauth:\/\/totp\/wagewatch:admin\?.*secret=[A-Z2-7]{32}/m);

      const noBy = await user(
        ['add', 'zhangwei', '--name', '张伟', '--role', 'monitor', '--password-stdin'],
        `${PASSWORD}\n`,
      );
      expect(noBy.code).toBe(2);
      expect(noBy.stderr).toContain('须用 --by 写明操作人');

      const unit = await user(
        [
          'add',
          'hekou',
          '--name',
          '河口镇劳保所',
          '--role',
          'unit',
          '--unit',
          '河口镇',
          '--by',
          'admin',
          '--password-stdin',
        ],
        `${PASSWORD}\n`,
      );
      expect(unit.stderr).toBe('');
      expect(unit.stdout).toBe('已新建用户 hekou（河口镇劳保所，unit，河口镇）\n');

      const store = await openStore(dataDir);
      try {
        expect((await getAccount(store, 'admin'))?.created_by).toBe('first-run');
        expect((await getAccount(store, 'hekou'))?.created_by).toBe('admin');
        // The password arrived intact: the CRLF was taken off, nothing else.
        expect(await verifyPassword(PASSWORD, (await getAccount(store, 'hekou'))?.password_hash ?? '')).toBe(
          true,
        );
      } finally {
        await store.close();
      }
    },
  );

  it(
    'lists accounts without secrets, refuses a weak password, disables and resets TOTP',
    { timeout: 120_000 },
    async () => {
      const dataDir = await tempDir();
      const store = await openStore(dataDir);
      const made = await createAccount(store, account('admin', 'admin'));
      await createAccount(store, account('zhujian', 'unit', '住建'));
      await createAccount(store, account('zhangwei', 'monitor'));
      await store.close();
      const user = (args: string[], input = '') =>
        runWithStdin(['user', ...args], input, { WAGEWATCH_DATA_DIR: dataDir });

      const weak = await user(['passwd', 'zhangwei', '--by', 'admin', '--password-stdin'], 'zhangwei123\n');
      expect(weak.code).toBe(1);
      expect(weak.stderr).toContain('密码太短：至少 12 个字符');
      expect(weak.stderr).toContain('密码不得包含用户名');

      const passwd = await user(
        ['passwd', 'zhangwei', '--by', 'admin', '--password-stdin'],
        'Another-2026-pass\n',
      );
      expect(passwd.stdout).toBe('已重设 zhangwei 的密码\n');
      expect((await user(['disable', 'zhangwei', '--by', 'admin'])).stdout).toBe('已停用 zhangwei\n');

      const reset = await user(['totp-reset', 'admin', '--by', 'admin']);
      expect(reset.code).toBe(0);
      const newSecret = /secret=([A-Z2-7]+)/.exec(reset.stdout)?.[1] ?? '';
      expect(newSecret).toMatch(/^[A-Z2-7]{32}$/);
      expect(newSecret).not.toBe(made.account.totp_secret);

      const list = await user(['list']);
      expect(list.code).toBe(0);
      expect(list.stdout.trim().split('\n')).toEqual([
        'admin　管理员　admin　单位 -　正常　未锁定　动态口令 开',
        'zhangwei　张伟　monitor　单位 -　已停用　未锁定　动态口令 关',
        'zhujian　住建局　unit　单位 住建　正常　未锁定　动态口令 关',
      ]);
      expect(list.stdout).not.toContain('scrypt');
      expect(list.stdout).not.toContain(newSecret);
    },
  );

  it('never takes a password from argv, and refuses an unknown unit', { timeout: 120_000 }, async () => {
    const env = { WAGEWATCH_DATA_DIR: await tempDir() };
    const argv = await runWithStdin(
      ['user', 'add', 'admin', '--name', '管理员', '--role', 'admin', '--password', PASSWORD],
      '',
      env,
    );
    expect(argv.code).toBe(2);
    expect(argv.stderr).toContain("Unknown option '--password'");
    const noFlag = await runWithStdin(
      ['user', 'add', 'admin', '--name', '管理员', '--role', 'admin'],
      `${PASSWORD}\n`,
      env,
    );
    expect(noFlag.code).toBe(2);
    expect(noFlag.stderr).toContain('须用 --password-stdin 从标准输入提供密码');
    const store = await openStore(env.WAGEWATCH_DATA_DIR);
    await createAccount(store, account('admin', 'admin'));
    await store.close();
    const badUnit = await runWithStdin(
      [
        'user',
        'add',
        'huoxing',
        '--name',
        '火星镇',
        '--role',
        'unit',
        '--unit',
        '火星镇',
        '--by',
        'admin',
        '--password-stdin',
      ],
      `${PASSWORD}\n`,
      env,
    );
    expect(badUnit.code).toBe(2);
    expect(badUnit.stderr).toContain('未知单位“火星镇”');
  });
});

const NAMES: Record<string, string> = { admin: '管理员', zhujian: '住建局', zhangwei: '张伟' };

function account(username: string, role: Role, unit?: string): NewAccount {
  return {
    username,
    display_name: NAMES[username] ?? username,
    role,
    unit,
    password: PASSWORD,
    createdBy: 'test',
  };
}

/** The store the CLI opens for this data dir, for seeding and checking. */
async function openStore(dataDir: string): Promise<Store> {
  const config = await loadProjectConfig({ WAGEWATCH_DATA_DIR: dataDir });
  return buildStore(config, { segmenter: buildSegmenter(config), logger: createSilentLogger() });
}
