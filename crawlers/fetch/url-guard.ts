import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { PermanentError } from '../../src/errors.ts';

/** Resolves a host name to its addresses; injected in tests so fake names can point anywhere. */
export type Resolver = (hostname: string) => Promise<string[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Addresses a crawler must never be pointed at by a configured or redirected URL: private
 * ranges, loopback, link-local (incl. the 169.254.169.254 cloud metadata service), CGNAT,
 * multicast and their IPv6 counterparts.
 */
const FORBIDDEN = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  FORBIDDEN.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  FORBIDDEN.addSubnet(network, prefix, 'ipv6');

export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 6) {
    // ::ffff:10.0.0.1 is an IPv4 address in IPv6 clothing.
    const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
    if (mapped) return FORBIDDEN.check(mapped[1] as string, 'ipv4');
    return FORBIDDEN.check(address, 'ipv6');
  }
  return FORBIDDEN.check(address, 'ipv4');
}

/**
 * Refuses, before connecting, a URL whose host is or resolves to a forbidden address, unless
 * the source is marked internal. Checked for the configured URL and again for every redirect.
 */
export function createUrlGuard(resolver: Resolver = systemResolver) {
  return async function check(url: URL, allowPrivate: boolean): Promise<void> {
    if (allowPrivate) return;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host) ? [host] : await resolver(host).catch(() => []);
    if (addresses.length === 0) return; // unresolvable: the connection itself will fail and say so
    const bad = addresses.find(isForbiddenAddress);
    if (bad) {
      throw new PermanentError(
        `${url.href}: refused: ${host} is a private, loopback or link-local address (${bad}); mark the source internal if it really is one`,
        { code: 'private_address' },
      );
    }
  };
}

export type UrlGuard = ReturnType<typeof createUrlGuard>;
