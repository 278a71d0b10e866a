/**
 * The statuses in a search answer's `cards`: `card_type` 9 cards carry one `mblog`; wrapper
 * cards (usually type 11) carry more of them in `card_group`. User, topic and ad cards carry
 * none and are passed over. A status shown twice on one page is read once.
 */
export function mblogsInCards(cards: readonly unknown[]): unknown[] {
  const found: unknown[] = [];
  const seen = new Set<string>();
  const take = (card: unknown) => {
    if (!isRecord(card) || card.card_type !== 9 || !isRecord(card.mblog)) return;
    const key = String(card.mblog.mid ?? card.mblog.id ?? `#${found.length}`);
    if (seen.has(key)) return;
    seen.add(key);
    found.push(card.mblog);
  };
  for (const card of cards) {
    take(card);
    if (isRecord(card) && Array.isArray(card.card_group)) for (const item of card.card_group) take(item);
  }
  return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
