import { createRequire } from 'node:module';

/** Chinese word segmentation, kept behind this small interface so the engine can be swapped. */
export interface Segmenter {
  /** Precise mode with HMM for unknown words: the tokens the rules match against. */
  cut(text: string): string[];
  /** Precise mode plus the shorter words inside long ones: the tokens a search index needs. */
  cutForSearch(text: string): string[];
  /** Teaches the dictionary words it must keep whole (rule terms, place names). */
  addWords(words: Iterable<string>): void;
}

interface NodeJieba {
  load(options: { userDict?: string; idfDict?: string; stopWordDict?: string }): void;
  cut(text: string, hmm: boolean): string[];
  /** Added by patches/: where each of `cut`'s words ends in `text`, in UTF-16 code units. */
  cutWordEnds(text: string, hmm: boolean): Uint32Array;
  cutForSearch(text: string, hmm: boolean): string[];
  insertWord(word: string): boolean;
}

export interface JiebaOptions {
  /** A jieba user dictionary (`word [freq] [tag]` per line). */
  userDictPath?: string | undefined;
  /**
   * nodejieba always loads the tables of its keyword extractor too (IDF weights, stop words):
   * about 20 MB resident, for `extract()`, which segmentation never uses. One-line tables in
   * their place keep that memory free (classifiers/jieba/).
   */
  keywordTables?: { idfPath: string; stopWordsPath: string } | undefined;
}

// HMM on: without it nodejieba splits numbers digit by digit ("30" -> "3", "0").
const HMM = true;

let loadedUserDict: string | undefined | null = null;

/**
 * nodejieba keeps one dictionary per process (loading it costs about half a second and 110 MB),
 * so every segmenter in a process shares it; asking for a different user dictionary later is a
 * bug. Unpatched, nodejieba builds that dictionary twice, once more for its TextRank extractor:
 * patches/ makes the extractor share the segmenter's (docs/classifier.md, "Patched dependencies").
 */
export function createJiebaSegmenter(options: JiebaOptions = {}): Segmenter {
  const jieba = createRequire(import.meta.url)('nodejieba') as NodeJieba;
  if (loadedUserDict === null) {
    jieba.load({
      ...(options.userDictPath ? { userDict: options.userDictPath } : {}),
      ...(options.keywordTables
        ? { idfDict: options.keywordTables.idfPath, stopWordDict: options.keywordTables.stopWordsPath }
        : {}),
    });
    loadedUserDict = options.userDictPath;
  } else if (options.userDictPath !== undefined && options.userDictPath !== loadedUserDict) {
    throw new Error(`jieba is already loaded with ${loadedUserDict ?? 'no'} user dictionary in this process`);
  }
  return {
    cut: (text) => wordsAt(text, jieba.cutWordEnds(text, HMM)) ?? jieba.cut(text, HMM),
    cutForSearch: (text) => jieba.cutForSearch(text, HMM),
    addWords(words) {
      for (const word of words) if (word.trim()) jieba.insertWord(word.trim());
    },
  };
}

/**
 * jieba's words sliced out of the text at the ends it reports. Making each word a string in
 * native code (N-API, from UTF-8) costs some two-fifths of a cut; a slice costs a fraction of
 * that (docs/classifier.md, "Speed"). Null when the ends do not cover the text
 * exactly, which jieba does only for text it could not decode: the caller then asks for strings.
 */
export function wordsAt(text: string, ends: Uint32Array): string[] | null {
  if (ends.length === 0 ? text.length !== 0 : ends[ends.length - 1] !== text.length) return null;
  const words: string[] = new Array(ends.length);
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    const end = ends[i] as number;
    words[i] = text.slice(start, end);
    start = end;
  }
  return words;
}
