import type { Level } from '../domain/classification.ts';
import type { RoutingConfig } from './routing-schema.ts';

/** The channels an alert of this level goes to, in config order, each once. */
export function channelsFor(routing: RoutingConfig, level: Level): string[] {
  const names = new Set<string>();
  for (const route of routing.routes) {
    if ((route.levels as readonly string[]).includes(level))
      for (const name of route.channels) names.add(name);
  }
  return [...names];
}
