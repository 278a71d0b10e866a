import { z } from 'zod';

/**
 * Parse options that word zod's own messages in Simplified Chinese, for problems a person reads
 * (a clerk's push, a form in the console); messages a schema sets itself are kept as written.
 */
export const ZH_ERRORS = { error: z.locales.zhCN().localeError } as const;
