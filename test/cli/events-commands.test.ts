import { describe, expect, it } from 'vitest';
import { buildSegmenter } from '../../src/app/build-classifier.ts';
import { buildStore } from '../../src/app/build-store.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { runCli } from '../helpers/run-cli.ts';
import { sampleEvent } from '../helpers/sample-events.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

async function dataDirWithEvent(): Promise<{ dataDir: string; eventId: string }> {
  const dataDir = await tempDir();
  const config = await loadProjectConfig({ WAGEWATCH_DATA_DIR: dataDir });
  const store = await buildStore(config, { segmenter: buildSegmenter(config), logger: createSilentLogger() });
  const event = sampleEvent({ level: 'red' });
  await store.putRecord('event', event.id, event, null);
  await store.close();
  return { dataDir, eventId: event.id };
}

describe('wagewatch events and silence', () => {
  it('lists events, acknowledges and resolves one, each audited', async () => {
    const { dataDir, eventId } = await dataDirWithEvent();
    const env = { WAGEWATCH_DATA_DIR: dataDir };
    const list = await runCli(['events'], env);
    expect(list.stdout).toContain(`${eventId}　【红色】未确认　河口镇`);
    expect((await runCli(['events', 'ack', eventId, '--by', '张伟'], env)).stdout).toContain('已确认');
    expect((await runCli(['events', 'ack', eventId, '--by', '张伟'], env)).stdout).toContain(
      '此前已是「已确认」',
    );
    expect(
      (await runCli(['events', 'resolve', eventId, '--by', '王强', '--reason', '工资已全额支付'], env))
        .stdout,
    ).toContain('已处置');
    expect((await runCli(['events'], env)).stdout).toContain('没有事件');
    expect((await runCli(['events', 'ack', 'ev-nope', '--by', '张伟'], env)).code).toBe(1);
  });

  it('adds, lists and ends a silence, and asks who and why', async () => {
    const { dataDir, eventId } = await dataDirWithEvent();
    const env = { WAGEWATCH_DATA_DIR: dataDir };
    const missing = await runCli(['silence', 'add', '--event', eventId, '--for', '2h'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--by 和 --reason 必填');
    const added = await runCli(
      ['silence', 'add', '--keyword', '安置房', '--for', '2h', '--by', '张伟', '--reason', '住建局已到场'],
      env,
    );
    const id = added.stdout.match(/已静默 (sil-[0-9a-f]+)/)?.[1];
    expect(id).toBeDefined();
    expect((await runCli(['silence', 'list'], env)).stdout).toContain(`${id}　关键词「安置房」`);
    expect(
      (await runCli(['silence', 'end', id as string, '--by', '张伟', '--reason', '恢复推送'], env)).stdout,
    ).toContain('已结束静默');
    expect((await runCli(['silence', 'list'], env)).stdout).toContain('当前没有生效的静默');
  });
});
