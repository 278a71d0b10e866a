import { TransientError } from '../../src/errors.ts';

export interface CircuitBreakerOptions {
  /** Consecutive failed requests to a host that open its circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses requests before one trial is let through. */
  cooldownMs: number;
  now?: () => number;
}

interface HostState {
  failures: number;
  openedAt: number | null;
  trialInFlight: boolean;
}

/**
 * Per-host circuit breaker: after enough consecutive failures a host is left alone for a while
 * instead of being hammered by every pass and retry; then one request tries it (half-open) and
 * its outcome closes or re-opens the circuit.
 */
export function createCircuitBreakers(options: CircuitBreakerOptions) {
  const now = options.now ?? Date.now;
  const hosts = new Map<string, HostState>();
  const stateOf = (host: string) => {
    let state = hosts.get(host);
    if (!state) {
      state = { failures: 0, openedAt: null, trialInFlight: false };
      hosts.set(host, state);
    }
    return state;
  };
  return {
    /** Throws when the host's circuit is open; otherwise the request may go. */
    admit(host: string): void {
      const state = stateOf(host);
      if (state.openedAt === null) return;
      const waited = now() - state.openedAt;
      if (waited < options.cooldownMs || state.trialInFlight) {
        throw new TransientError(
          `${host}: circuit open after ${state.failures} failures in a row; next try in ${Math.ceil((options.cooldownMs - waited) / 1000)} s`,
          { code: 'circuit_open' },
        );
      }
      state.trialInFlight = true;
    },
    succeeded(host: string): void {
      hosts.delete(host);
    },
    failed(host: string): void {
      const state = stateOf(host);
      state.failures++;
      state.trialInFlight = false;
      if (state.openedAt !== null || state.failures >= options.failureThreshold) state.openedAt = now();
    },
    isOpen(host: string): boolean {
      return hosts.get(host)?.openedAt != null;
    },
  };
}

export type CircuitBreakers = ReturnType<typeof createCircuitBreakers>;
