import { describe, expect, it } from 'vitest';
import { CHINESE_NUMERAL_CHARS } from '../../../classifiers/extract/chinese-number.ts';
import { type QuantityParts, scanQuantity } from '../../../classifiers/extract/quantity-scanner.ts';
import { labelledTexts, randomTexts } from '../../helpers/texts.ts';

/** The pattern the scanner replaced: its specification, tried sticky at each position. */
const CN = `[${CHINESE_NUMERAL_CHARS}]`;
const SMALL = '[一二两三四五六七八九]';
const TAIL_NOT = '[个人名位月天年号次件岁]';
const SPECIFICATION = new RegExp(
  [
    `(?<pair>${SMALL}${SMALL})(?<pairUnit>[十百千万]?)(?<pairMult>[万亿](?!${CN}))?`,
    `(?<vagueLead>几)(?<vagueUnit>[十百千万])(?<vagueMult>[万亿](?!${CN}))?`,
    `(?<anum>\\d+(?:,\\d{3})*(?:\\.\\d+)?)(?<afuzz>几|多|余|来)?(?<amult>[十百千]万|[百千万亿]|[kw](?![a-z]))?(?<tail>\\d(?![\\d.]|${TAIL_NOT}))?(?<tailUnit>[千百](?!${CN}))?(?<afuzz2>多|余)?`,
    `(?<num>${CN}+)(?<fuzz>几|多|余|来)?(?<mult>[千万亿](?!${CN}))?(?<fuzz2>多|余)?`,
  ].join('|'),
  'y',
);

function bySpecification(text: string, at: number): { end: number; parts: QuantityParts } | null {
  SPECIFICATION.lastIndex = at;
  const match = SPECIFICATION.exec(text);
  if (!match) return null;
  return { end: SPECIFICATION.lastIndex, parts: { ...match.groups } as unknown as QuantityParts };
}

function byScanner(text: string, at: number): { end: number; parts: QuantityParts } | null {
  const scanned = scanQuantity(text, at);
  return scanned && { end: scanned.end, parts: { ...scanned.parts } };
}

/** Every character the pattern reads, and a few it does not. */
const BROAD = `${CHINESE_NUMERAL_CHARS}几多余来0123456789,.kwmgz个人名位月天年号次件岁元工资，`;
/** Digits, units and what may follow them, so that spoken tails (3万2, 1w2) come up often. */
const NARROW = '0123456789,.万千百十亿kw多余几来个岁年元';

function expectAgreementEverywhere(texts: readonly string[]): number {
  let compared = 0;
  for (const text of texts) {
    for (let at = 0; at < text.length; at++) {
      expect(byScanner(text, at), `${text} @${at}`).toEqual(bySpecification(text, at));
      compared++;
    }
  }
  return compared;
}

describe('scanQuantity', () => {
  it.each([
    ['every character it reads', BROAD],
    ['digits and units', NARROW],
  ])('reads what its specification pattern reads, at every position of 20,000 random texts of %s', (_, alphabet) => {
    expect(
      expectAgreementEverywhere(randomTexts(alphabet, 20_000, { seed: 7, minLength: 1, maxLength: 12 })),
    ).toBeGreaterThan(100_000);
  });

  it('reads what its specification pattern reads, at every position of every labelled text', () => {
    expect(expectAgreementEverywhere(labelledTexts())).toBeGreaterThan(100_000);
  });

  it.each([
    ['二三十万', 0, { pair: '二三', pairUnit: '十', pairMult: '万' }, 4],
    ['几百万元', 0, { vagueLead: '几', vagueUnit: '百', vagueMult: '万' }, 3],
    ['1,200.5元', 0, { anum: '1,200.5' }, 7],
    ['3万2千块', 0, { anum: '3', amult: '万', tail: '2', tailUnit: '千' }, 4],
    ['3万2个人', 0, { anum: '3', amult: '万' }, 2],
    ['5km', 0, { anum: '5' }, 1],
    ['1w2', 0, { anum: '1', amult: 'w', tail: '2' }, 3],
    ['三十多万元', 0, { num: '三十', fuzz: '多', mult: '万' }, 4],
    ['几个人', 0, null, 0],
  ])('reads %s at %i', (text, at, parts, end) => {
    const scanned = scanQuantity(text, at);
    if (parts === null) expect(scanned).toBeNull();
    else expect(scanned).toEqual({ end, parts: expect.objectContaining(parts) });
  });
});
