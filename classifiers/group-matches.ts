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

/** One empty list per group count, shared: no scope of any post ever writes to its lists. */
const emptyLists = new Map<number, readonly undefined[]>();

/**
 * Where the terms of each group occur in a token stream. Compiled rules read `lists` by group
 * id; everything else asks by name.
 */
export class GroupMatches implements Iterable<[string, readonly Occurrence[]]> {
  /**
   * The distinct terms of the groups asked for so far, as group id then terms: several fired
   * rules often share a group. A post asks for a handful, so a short list beats an array with
   * a slot for every group, made again for every post.
   */
  private termLists: (number | readonly string[])[] | undefined;

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
    this.termLists ??= [];
    const cached = this.termLists;
    for (let i = 0; i < cached.length; i += 2)
      if (cached[i] === group) return cached[i + 1] as readonly string[];
    const list = this.lists[group];
    const distinct: string[] = [];
    if (list)
      for (let i = 0; i < list.length; i++) {
        const { term } = list[i] as Occurrence;
        if (!distinct.includes(term)) distinct.push(term);
      }
    cached.push(group, distinct);
    return distinct;
  }

  get size(): number {
    return this.lists.reduce((count, list) => (list ? count + 1 : count), 0);
  }

  /** No matches for any group: the title scope of a text without a title. */
  none(): GroupMatches {
    const length = this.lists.length;
    let lists = emptyLists.get(length);
    if (!lists) {
      lists = Object.freeze(new Array<undefined>(length));
      emptyLists.set(length, lists);
    }
    return new GroupMatches(this.names, this.ids, lists);
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
