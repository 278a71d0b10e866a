import type { Segmenter } from '../../classifiers/segmenter.ts';
import { buildSegmenter } from '../app/build-classifier.ts';
import { buildStore } from '../app/build-store.ts';
import { createSilentLogger } from '../logger.ts';
import type { AppConfig } from '../settings/load-config.ts';
import type { Store } from '../store/store.ts';
import type { CliIo } from './cli-io.ts';
import { loadConfigForCli, reportStartupError } from './load-config-for-cli.ts';

export interface StoreSession {
  config: AppConfig;
  store: Store;
  segmenter: Segmenter;
}

/**
 * For commands that read or tidy the store: loads the configuration, opens the configured
 * store, runs `use`, and closes the store whatever happens. Set-up problems become exit 2.
 */
export async function withConfiguredStore(
  io: CliIo,
  use: (session: StoreSession) => Promise<number>,
): Promise<number> {
  const config = await loadConfigForCli(io);
  if (typeof config === 'number') return config;
  const segmenter = buildSegmenter(config);
  let store: Store;
  try {
    store = await buildStore(config, { segmenter, logger: createSilentLogger() });
  } catch (error) {
    return reportStartupError(io, error);
  }
  try {
    return await use({ config, store, segmenter });
  } finally {
    await store.close();
  }
}
