import type { Post } from '../../../src/domain/post.ts';
import type { ItemProblem } from '../../page.ts';

/** A post read from a list page, with what it takes to ask for its thread page. */
export interface ListEntry {
  post: Post;
  tid: string;
  /** The floor this entry stands for, when the list says. */
  pid: string | undefined;
  isReply: boolean;
}

/** What a search or forum list page held. */
export interface ListReading {
  entries: ListEntry[];
  problems: ItemProblem[];
  /** The page was full or had a next link: a further page may hold more. */
  more: boolean;
}
