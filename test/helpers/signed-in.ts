import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createAccount } from '../../src/auth/accounts.ts';
import type { Role } from '../../src/domain/roles.ts';
import type { Store } from '../../src/store/store.ts';

export const TEST_PASSWORD = 'Gongzi-Qingling-2027';

/** A signed-in person for `app.inject`: their cookies and CSRF token. */
export interface SignedIn {
  cookies: Record<string, string>;
  csrf: string;
  /** Injects a request as this person, with the CSRF header unless `csrf: false`. */
  call(options: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse>;
}

/** Makes an account (a role without TOTP: monitor, hr or unit) and signs it in. */
export async function signedIn(
  app: FastifyInstance,
  store: Store,
  username: string,
  role: Exclude<Role, 'admin' | 'police'>,
  now?: Date,
): Promise<SignedIn> {
  await createAccount(
    store,
    {
      username,
      display_name: username,
      role,
      ...(role === 'unit' ? { unit: '河口镇' } : {}),
      password: TEST_PASSWORD,
      createdBy: 'first-run',
    },
    now,
  );
  const res = await app.inject({
    method: 'POST',
    url: '/api/login',
    payload: { username, password: TEST_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`${username} could not sign in: ${res.body}`);
  const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
  const csrf = res.json().csrf as string;
  return {
    cookies,
    csrf,
    call: ({ csrf: withCsrf = true, headers, ...options }) =>
      app.inject({
        ...options,
        cookies,
        headers: { ...(headers ?? {}), ...(withCsrf ? { 'x-csrf-token': csrf } : {}) },
      } as InjectOptions),
  };
}
