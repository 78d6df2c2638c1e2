import { Injectable } from '@nestjs/common';
import type { CallerAccess } from '@rtd/authz';
import type { SessionSettings } from '@rtd/kernel';

const TTL_MS = 15_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  access: CallerAccess;
  settings: SessionSettings;
  expires: number;
}

/**
 * The rights of a token, kept for a few seconds: a dashboard or a portal polling the API would
 * otherwise read the same memberships on every request.
 *
 * A grant or revoke clears it once its transaction has committed, in this process and, through
 * Redis (AccessInvalidation), in every other API instance. Two rules keep a revoked role from
 * surviving there:
 * - a generation counter: a request that began reading memberships before a clear may have read
 *   the old ones, so `set` drops its result (it still serves that one request, which was
 *   concurrent with the revoke);
 * - the cache is only used while this process listens to the invalidations: with the Redis
 *   subscription lost, every request reads its memberships, and the cache starts empty again once
 *   the subscription is back.
 */
@Injectable()
export class AccessCache {
  private readonly entries = new Map<string, Entry>();
  private current = 0;
  private listening = false;

  get(token: string): Entry | undefined {
    if (!this.listening) return undefined;
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expires < Date.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry;
  }

  /** To pass to `set`, taken before reading the memberships it will store. */
  generation(): number {
    return this.current;
  }

  set(
    token: string,
    access: CallerAccess,
    settings: SessionSettings,
    tokenExpiresAt: number,
    readAtGeneration: number,
  ): void {
    if (!this.listening || readAtGeneration !== this.current) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { access, settings, expires: Math.min(Date.now() + TTL_MS, tokenExpiresAt) });
  }

  /** Forgets every entry, and every load in flight (see `generation`). */
  clear(): void {
    this.current++;
    this.entries.clear();
  }

  /** Whether the cache is in use, i.e. invalidations from other instances reach this process. */
  isListening(): boolean {
    return this.listening;
  }

  /** Whether invalidations from other instances reach this process (see AccessInvalidation). */
  setListening(listening: boolean): void {
    this.clear();
    this.listening = listening;
  }
}
