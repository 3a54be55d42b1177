/**
 * Per-page citation numbering. The first citation of a source gets the next number;
 * later ones reuse it. Each occurrence gets its own back-link id so the References
 * list can link back to every place that cites it. One instance per page, never shared.
 */
export interface Reference {
  n: number;
  sourceId: string;
  /** Ids of the places in the text that cite this source, in order. */
  backIds: string[];
  locators: string[];
}

export class References {
  private byId = new Map<string, Reference>();
  readonly list: Reference[] = [];

  cite(sourceId: string, locator?: string): { n: number; backId: string } {
    let ref = this.byId.get(sourceId);
    if (!ref) {
      ref = { n: this.list.length + 1, sourceId, backIds: [], locators: [] };
      this.byId.set(sourceId, ref);
      this.list.push(ref);
    }
    const backId = `cite-${ref.n}-${ref.backIds.length + 1}`;
    ref.backIds.push(backId);
    if (locator && !ref.locators.includes(locator)) ref.locators.push(locator);
    return { n: ref.n, backId };
  }
}
