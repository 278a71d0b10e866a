export interface DemoOptions {
  durationS: number | null;
  dataDir: string | null;
  posts: number;
  rate: number;
  backlog: number;
}

type Flags = Partial<Record<'duration' | 'data-dir' | 'posts' | 'rate' | 'backlog', string>>;

/** Checks the demo's flags; a string is the message saying which flag is wrong and why. */
export function readDemoOptions(flags: Flags): DemoOptions | string {
  const number = (name: keyof Flags, fallback: number | null, min: number, max: number) => {
    const raw = flags[name];
    if (raw === undefined) return fallback;
    const value = Number(raw);
    return Number.isFinite(value) && value >= min && value <= max
      ? value
      : `--${name} must be a number from ${min} to ${max}, got "${raw}"`;
  };
  const durationS = number('duration', null, 1, 86_400);
  const posts = number('posts', 240, 1, 2000);
  const rate = number('rate', 4, 0.1, 1000);
  const backlog = number('backlog', 40, 0, 2000);
  for (const value of [durationS, posts, rate, backlog]) if (typeof value === 'string') return value;
  return {
    durationS: durationS as number | null,
    dataDir: flags['data-dir'] ?? null,
    posts: Math.floor(posts as number),
    rate: rate as number,
    backlog: Math.floor(backlog as number),
  };
}
