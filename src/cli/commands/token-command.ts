import { parseArgs } from 'node:util';
import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
  TOKEN_SCOPES,
  type TokenScope,
} from '../../auth/api-tokens.ts';
import { errorMessage } from '../../errors.ts';
import { type Command, EXIT } from '../cli-io.ts';
import { withConfiguredStore } from '../with-store.ts';

const USAGE = `用法：
  wagewatch token add --name 名称 --source 来源 --by 姓名                 为接入平台生成线索推送令牌（只显示一次，仅保存其散列）
  wagewatch token add --name 名称 --scope events --by 姓名                为值班系统生成事件确认/处置令牌
  wagewatch token list                                                  列出令牌（不含令牌本身）
  wagewatch token revoke 令牌ID --by 姓名                                吊销
`;

/** `wagewatch token …`: machine tokens for the intake API; the store keeps only their hashes. */
export const tokenCommand: Command = async (args, io) => {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.stderr.write(`${errorMessage(error)}\n${USAGE}`);
    return EXIT.config;
  }
  const { values: v, positionals } = parsed;
  const [sub, id] = positionals;
  return withConfiguredStore(io, async ({ config, store }) => {
    if (sub === 'add' && v.name && v.by && v.source) {
      const scope = (v.scope ?? 'intake') as TokenScope;
      if (!TOKEN_SCOPES.includes(scope)) return usage(io, `未知权限范围：${scope}`);
      if (!Object.hasOwn(config.leads.intake.sources, v.source))
        return usage(io, `未知来源“${v.source}”（config/leads.yaml intake.sources）`);
      const made = await createApiToken(store, {
        name: v.name,
        scopes: [scope],
        source: v.source,
        createdBy: v.by,
      });
      io.stdout.write(
        `令牌（只显示这一次，请妥善交给${v.name}）：\n${made.token}\n令牌ID：${made.id.slice(0, 12)}\n`,
      );
      return EXIT.ok;
    }
    if (sub === 'list') {
      for (const { id: tokenId, token } of await listApiTokens(store))
        io.stdout.write(
          `${tokenId}　${token.name}　来源 ${token.source ?? '-'}　权限 ${token.scopes.join(',')}　${token.revoked_at ? `已吊销 ${token.revoked_at}` : '有效'}\n`,
        );
      return EXIT.ok;
    }
    if (sub === 'revoke' && id && v.by) {
      if (await revokeApiToken(store, id, v.by)) {
        io.stdout.write(`已吊销 ${id}\n`);
        return EXIT.ok;
      }
      io.stderr.write(`找不到唯一匹配的令牌：${id}\n`);
      return EXIT.failure;
    }
    return usage(io);
  });
};

function usage(io: Parameters<Command>[1], why?: string): number {
  io.stderr.write(`${why ? `${why}\n` : ''}${USAGE}`);
  return EXIT.config;
}

function parse(args: readonly string[]) {
  const text = { type: 'string' } as const;
  return parseArgs({
    args: [...args],
    options: { name: text, source: text, by: text, scope: text },
    allowPositionals: true,
  });
}
