import { z } from 'zod';
import { MAX_BATCH, STAGES } from '../queues/payloads.ts';

/** Per-stage worker concurrency inside one process. */
const concurrencySchema = z.strictObject({
  collect: z.int().min(1).max(64),
  classify: z.int().min(1).max(256),
  index: z.int().min(1).max(256),
  /** Events are assigned one post at a time across all workers (so two related posts never start two events). */
  event: z.literal(1).default(1),
  alert: z.int().min(1).max(64),
});

/** `config/default.yaml`: process-wide settings. */
export const settingsSchema = z.strictObject({
  data_dir: z.string().min(1),
  log_level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  /** production refuses to start on a Redis that can lose jobs (no AOF, an evicting policy); development warns. */
  profile: z.enum(['production', 'development']).default('production'),
  redis: z.strictObject({
    /** Unset: the CLI starts a private redis-server under the data dir. */
    url: z.url({ protocol: /^rediss?$/ }).nullable(),
    prefix: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'lowercase letters, digits, - and _'),
    /** The operator checked AOF and noeviction on a Redis that forbids CONFIG GET (managed services). */
    durability_verified: z.boolean().default(false),
  }),
  store: z
    .strictObject({
      kind: z.enum(['embedded', 'elasticsearch']),
      /** Posts and captured pages older than this are deleted; the audit log is kept. */
      retention_days: z.int().min(1).max(36_500),
      elasticsearch: z.strictObject({
        url: z.url({ protocol: /^https?$/ }).nullable(),
        index_prefix: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'lowercase letters, digits, - and _'),
        /** Names of environment variables; the secrets themselves never sit in a file. */
        username_env: z
          .string()
          .regex(/^[A-Z_][A-Z0-9_]*$/)
          .optional(),
        password_env: z
          .string()
          .regex(/^[A-Z_][A-Z0-9_]*$/)
          .optional(),
        api_key_env: z
          .string()
          .regex(/^[A-Z_][A-Z0-9_]*$/)
          .optional(),
        request_timeout_s: z.number().positive().max(600),
        bulk_max_docs: z.int().min(1).max(10_000),
        bulk_max_mb: z.number().positive().max(100),
        retry_attempts: z.int().min(1).max(20),
      }),
    })
    .refine((store) => store.kind !== 'elasticsearch' || store.elasticsearch.url !== null, {
      message: 'kind elasticsearch needs elasticsearch.url (or ELASTICSEARCH_URL)',
      path: ['elasticsearch', 'url'],
    }),
  queues: z.strictObject({
    attempts: z.int().min(1).max(50),
    backoff_ms: z.int().min(10).max(600_000),
    completed_keep_hours: z
      .number()
      .positive()
      .max(24 * 30),
    completed_keep_count: z.int().min(0),
    failed_keep_count: z.int().min(1),
    shutdown_grace_s: z.number().positive().max(600),
    /** How long a job stays claimed without its worker's heartbeat: a killed worker's job is taken over after this. */
    lock_s: z.number().min(1).max(600).default(30),
    concurrency: concurrencySchema,
    /**
     * Stages that a process running other stages too runs on a worker thread of its own, so that
     * `wagewatch start` uses a second core. Empty: every stage on the process's one thread.
     */
    thread_stages: z.array(z.enum(STAGES)).default(['event', 'alert']),
    /** Posts per classify, index and event job: each queue hop is paid once per batch, not per post. */
    batch_size: z.int().min(1).max(MAX_BATCH).default(100),
  }),
  classify: z.strictObject({
    /** Reload `rules/` and `levels.yaml` when they change, keeping the old rules if the new are bad. */
    hot_reload: z.boolean(),
  }),
  /** When the machinery needs the operators (operations notices, apart from opinion alerts). */
  operations: z.strictObject({
    backlog_threshold: z.int().min(1),
    worker_grace_s: z.number().min(10).max(86_400),
    /** Dead-man switch: nothing new collected from any source for this long. */
    dead_man_minutes: z
      .number()
      .min(5)
      .max(7 * 24 * 60),
    channel_failures: z.int().min(1).max(100),
  }),
  /** The console's address, used in the acknowledgement links that messages carry. */
  console: z.strictObject({
    host: z.string().min(1),
    /** 0 takes any free port (tests). */
    port: z.int().min(0).max(65_535),
    /** The address people reach the console at (links in messages point here). */
    public_url: z.url({ protocol: /^https?$/ }),
    /** The environment variable holding the key that signs acknowledgement links. */
    link_secret_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/),
    link_ttl_h: z
      .number()
      .min(0.1)
      .max(24 * 14),
    /** Session cookies only over HTTPS; turn off only for a plain-HTTP intranet address. */
    secure_cookies: z.boolean().default(false),
    /** Signed out after this long without a request, and after `session_max_h` whatever happens. */
    session_idle_minutes: z
      .number()
      .min(1)
      .max(24 * 60)
      .default(30),
    session_max_h: z
      .number()
      .min(1)
      .max(24 * 7)
      .default(12),
    /** A ledger export of more rows than this needs a second person's approval. */
    export_approval_rows: z.int().min(1).max(1_000_000).default(200),
  }),
  fetch: z.strictObject({
    user_agent: z.string().min(8),
    connect_timeout_s: z.number().positive().max(120),
    headers_timeout_s: z.number().positive().max(300),
    body_timeout_s: z.number().positive().max(600),
    max_body_mb: z.number().positive().max(200),
    min_interval_ms: z.int().min(0).max(3_600_000),
    /** Tries per request (network errors, 408, 429, 5xx), with backoff from `retry_base_ms`. */
    attempts: z.int().min(1).max(10),
    retry_base_ms: z.int().min(10).max(60_000),
    retry_max_ms: z.int().min(10).max(600_000),
    /** A Retry-After longer than this delays the whole job instead of holding a worker. */
    max_retry_after_s: z.number().min(0).max(3600),
    /** Consecutive failures that open a host's circuit, and how long it stays open. */
    circuit_failures: z.int().min(1).max(100),
    circuit_cooldown_s: z.number().min(1).max(3600),
  }),
});

export type Settings = z.infer<typeof settingsSchema>;
