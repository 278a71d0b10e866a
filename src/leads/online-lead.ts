import type { Classification } from '../domain/classification.ts';
import type { Post } from '../domain/post.ts';
import type { IntakeInput } from './lead-intake.ts';

/** Online leads keep their platform in the source name, apart from the complaint channels. */
export function onlineSource(post: Pick<Post, 'source'>): string {
  return `online:${post.source}`;
}

/** The source of an online report from its external id, which is its post's id (`<source>:<id>`). */
export function onlineSourceOf(externalId: string): string {
  return `online:${externalId.slice(0, externalId.indexOf(':'))}`;
}

/**
 * A post the rules call a lead, as a lead report: its text is the description, its time the
 * time received, and it stays linked to its post and event (the post's author is kept so that
 * the same person posting again after closure reopens the case).
 */
export function onlineIntake(
  post: Post,
  classification: Classification,
  eventId: string | null,
): IntakeInput {
  const description = [post.title, post.text].filter(Boolean).join('\n').slice(0, 20_000);
  return {
    item: {
      external_id: post.id.slice(0, 128),
      received_at: post.published_at,
      complainant: {},
      description,
    },
    classification,
    post: { id: post.id, url: post.url, author: post.author, event_id: eventId },
  };
}
