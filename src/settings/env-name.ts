import { z } from 'zod';

/** The name of an environment variable that holds a secret: config files name secrets, never hold them. */
export const envVarName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name');
