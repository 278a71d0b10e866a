import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

/** Fields that may carry secrets or personal data; pino replaces them before anything is written. */
const REDACTED_PATHS = [
  '*.password',
  '*.secret',
  '*.token',
  '*.authorization',
  '*.cookie',
  'headers.authorization',
  'headers.cookie',
  '*.phone',
  '*.id_number',
];

export interface LoggerOptions {
  level: string;
  /** Where log lines go; standard output when omitted. */
  destination?: DestinationStream;
}

/** The single root logger of a process; everything else uses `child()` of it. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'wagewatch' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/** A logger that writes nothing, for tests and tools that do not care. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
