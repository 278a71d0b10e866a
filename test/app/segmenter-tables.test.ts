import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * jieba's dictionary is loaded once per process, so each case runs in a fresh Node. The snippet
 * prints the keyword extractor's weights for a text: they show which IDF table was loaded.
 */
function keywordWeights(useBuildSegmenter: boolean): { word: string; weight: number }[] {
  const script = `
    const { createRequire } = await import('node:module');
    const jieba = createRequire(import.meta.url)('nodejieba');
    if (${useBuildSegmenter}) {
      const { buildSegmenter } = await import('./src/app/build-classifier.ts');
      const { loadConfig } = await import('./src/settings/load-config.ts');
      const { BUNDLED_CONFIG_DIR } = await import('./src/settings/config-location.ts');
      buildSegmenter(await loadConfig({ configDir: BUNDLED_CONFIG_DIR, env: {}, cwd: process.cwd() }));
    } else jieba.load({});
    console.log(JSON.stringify(jieba.extract('工地拖欠工资，工人讨要工资', 3)));
  `;
  const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: process.cwd(),
    encoding: 'utf8',
  });
  return JSON.parse(output.trim());
}

/** What nodejieba's TextRank extractor makes of a text naming a word taught after loading. */
function textRankAfterInsert(): string[] {
  const script = `
    const jieba = require('nodejieba');
    jieba.load({});
    jieba.insertWord('嘎嘎嘎公司');
    const text = '嘎嘎嘎公司拖欠工资，嘎嘎嘎公司不给钱，工人找嘎嘎嘎公司讨薪。';
    console.log(JSON.stringify(jieba.textRankExtract(text, 5).map((w) => w.word)));
  `;
  const output = execFileSync(process.execPath, ['-e', script], { cwd: process.cwd(), encoding: 'utf8' });
  return JSON.parse(output.trim());
}

describe('the process segmenter', () => {
  it("builds jieba's dictionary once: the TextRank extractor shares the segmenter's (patches/)", () => {
    // A word taught with insertWord reaches only the segmenter's dictionary. The extractor sees
    // it whole only when it segments with that same dictionary; unpatched, it has its own copy
    // (another 110 MB) and splits the word into 嘎嘎 and 公司.
    expect(textRankAfterInsert()).toContain('嘎嘎嘎公司');
  });

  it('loads one-line keyword tables in place of the 20 MB ones it never uses', () => {
    // One word in the IDF table: every word it lacks weighs the table's average, 10.0.
    expect(keywordWeights(true).map(({ weight }) => weight)).toEqual([10, 10, 10]);
    // nodejieba's own table weighs each word by its rarity.
    expect(keywordWeights(false).map(({ weight }) => weight)).not.toEqual([10, 10, 10]);
  });
});
