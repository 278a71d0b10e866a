/** DESIGN.md "Roles": who may do what is decided on the server, per route and per record. */
export const ROLES = ['admin', 'monitor', 'hr', 'unit', 'police'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Whoever acts: a person with a role (a `unit` person also names the township or department
 * they belong to), or the system itself (the overdue ladder, an online repost reopening a case).
 */
export type Actor = { name: string; role: Role; unit?: string } | { name: string; role: 'system' };
