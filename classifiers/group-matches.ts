/**
 * One place a term occurs: the term, the indexes of its first and last word, its clause (split
 * at commas too) and its sentence (split at 。！？； only).
 */
export interface Occurrence {
  term: string;
  at: number;
  end: number;
  clause: number;
  sentence: number;
}

/**
 * Where the terms of each group occur in a token stream. Compiled rules read `lists` by group
 * id; everything else asks by name.
 */
export class GroupMatches implements Iterable<[string, readonly Occurrence[]]> {
  /** Per group id, its distinct terms once asked for: several fired rules often share a group. */
  private termLists: (readonly string[] | undefined)[] | undefined;

  constructor(
    private readonly names: readonly string[],
    private readonly ids: ReadonlyMap<string, number>,
    /** Occurrences by group id; undefined where the group has none. */
    readonly lists: readonly (readonly Occurrence[] | undefined)[],
  ) {}

  has(group: string): boolean {
    return this.get(group) !== undefined;
  }

  get(group: string): readonly Occurrence[] | undefined {
    const id = this.ids.get(group);
    return id === undefined ? undefined : this.lists[id];
  }

  /** The distinct terms found of a group, in order of first occurrence. */
  termsOf(group: number): readonly string[] {
    // Sized up front: writing group 87 into an empty array would turn it into a slow dictionary.
    this.termLists ??= new Array(this.lists.length);
    let terms = this.termLists[group];
    if (terms === undefined) {
      const list = this.lists[group];
      const distinct: string[] = [];
      if (list)
        for (let i = 0; i < list.length; i++) {
          const { term } = list[i] as Occurrence;
          if (!distinct.includes(term)) distinct.push(term);
        }
      terms = distinct;
      this.termLists[group] = terms;
    }
    return terms;
  }

  get size(): number {
    return this.lists.reduce((count, list) => (list ? count + 1 : count), 0);
  }

  /** No matches for any group: the title scope of a text without a title. */
  none(): GroupMatches {
    return new GroupMatches(this.names, this.ids, new Array(this.lists.length));
  }

  /** The same matches with only the occurrences that pass `keep`. */
  filter(keep: (occurrence: Occurrence) => boolean): GroupMatches {
    const lists = this.lists.map((list) => {
      const kept = list?.filter(keep);
      return kept && kept.length > 0 ? kept : undefined;
    });
    return new GroupMatches(this.names, this.ids, lists);
  }

  *[Symbol.iterator](): Iterator<[string, readonly Occurrence[]]> {
    for (let id = 0; id < this.lists.length; id++) {
      const list = this.lists[id];
      if (list) yield [this.names[id] as string, list];
    }
  }
}
