/** Tieba's `data-field` attributes hold JSON; a broken one reads as null, never throws. */
export function dataField(raw: string | undefined): unknown {
  if (!raw) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
