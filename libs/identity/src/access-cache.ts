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
 * otherwise read the same memberships on every request. Any grant or revoke through this process
 * clears it at once; another API instance sees the change within TTL_MS (15 s), like the token
 * caches of most identity-aware proxies.
 */
@Injectable()
export class AccessCache {
  private readonly entries = new Map<string, Entry>();

  get(token: string): Entry | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expires < Date.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry;
  }

  set(token: string, access: CallerAccess, settings: SessionSettings, tokenExpiresAt: number): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { access, settings, expires: Math.min(Date.now() + TTL_MS, tokenExpiresAt) });
  }

  clear(): void {
    this.entries.clear();
  }
}
