/**
 * Storage for oidc-provider's stateful models (sessions, interactions, codes, grants).
 *
 * The library's own memory adapter logs a "you MUST change it" warning on every start and is an
 * LRU capped at 1000 entries; a long end-to-end run could evict a live session. This one is
 * unbounded but drops expired entries, and it is private to one provider instance so that
 * several providers in one test process never share state. No timers: expiry is checked on
 * read and swept on write, so an idle provider holds no handle open.
 */
type Payload = Record<string, unknown> & {
  grantId?: string;
  uid?: string;
  userCode?: string;
  consumed?: number;
};

interface Entry {
  payload: Payload;
  expiresAt: number;
}

const SWEEP_EVERY_WRITES = 500;

/** Models whose entries die with their grant (revokeByGrantId). */
const GRANT_BOUND = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
]);

class Store {
  readonly entries = new Map<string, Entry>();
  readonly byGrant = new Map<string, Set<string>>();
  /** Secondary indexes map to entry keys, not ids, so the sweep can test them directly. */
  readonly sessionByUid = new Map<string, string>();
  readonly byUserCode = new Map<string, string>();
  private writes = 0;

  get(key: string, now = Date.now()): Payload | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      return undefined;
    }
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  set(key: string, payload: Payload, expiresInSeconds: number | undefined): void {
    const expiresAt =
      typeof expiresInSeconds === 'number' ? Date.now() + expiresInSeconds * 1000 : Number.POSITIVE_INFINITY;
    this.entries.set(key, { payload, expiresAt });
    if (++this.writes % SWEEP_EVERY_WRITES === 0) {
      this.sweep();
    }
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) {
        this.entries.delete(key);
      }
    }
    const alive = (key: string) => this.entries.has(key);
    for (const [grantId, keys] of this.byGrant) {
      for (const key of keys) {
        if (!alive(key)) keys.delete(key);
      }
      if (keys.size === 0) this.byGrant.delete(grantId);
    }
    for (const index of [this.sessionByUid, this.byUserCode]) {
      for (const [indexKey, key] of index) {
        if (!alive(key)) index.delete(indexKey);
      }
    }
  }
}

class InMemoryAdapter {
  constructor(
    private readonly model: string,
    private readonly store: Store,
  ) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
    const key = this.key(id);
    this.store.set(key, payload, expiresIn);
    if (this.model === 'Session' && typeof payload.uid === 'string') {
      this.store.sessionByUid.set(payload.uid, key);
    }
    if (typeof payload.userCode === 'string') {
      this.store.byUserCode.set(payload.userCode, key);
    }
    if (GRANT_BOUND.has(this.model) && typeof payload.grantId === 'string') {
      let keys = this.store.byGrant.get(payload.grantId);
      if (!keys) {
        keys = new Set();
        this.store.byGrant.set(payload.grantId, keys);
      }
      keys.add(key);
    }
  }

  async find(id: string): Promise<Payload | undefined> {
    return this.store.get(this.key(id));
  }

  async findByUid(uid: string): Promise<Payload | undefined> {
    const key = this.store.sessionByUid.get(uid);
    return key === undefined ? undefined : this.store.get(key);
  }

  async findByUserCode(userCode: string): Promise<Payload | undefined> {
    const key = this.store.byUserCode.get(userCode);
    return key === undefined ? undefined : this.store.get(key);
  }

  async consume(id: string): Promise<void> {
    const payload = this.store.get(this.key(id));
    if (payload) {
      payload.consumed = Math.floor(Date.now() / 1000);
    }
  }

  async destroy(id: string): Promise<void> {
    const key = this.key(id);
    const payload = this.store.entries.get(key)?.payload;
    this.store.entries.delete(key);
    if (typeof payload?.uid === 'string' && this.store.sessionByUid.get(payload.uid) === key) {
      this.store.sessionByUid.delete(payload.uid);
    }
    if (typeof payload?.userCode === 'string' && this.store.byUserCode.get(payload.userCode) === key) {
      this.store.byUserCode.delete(payload.userCode);
    }
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    const keys = this.store.byGrant.get(grantId);
    if (keys) {
      for (const key of keys) {
        this.store.entries.delete(key);
      }
      this.store.byGrant.delete(grantId);
    }
  }
}

/**
 * oidc-provider calls the factory as a plain function with the model name. It must not be a
 * class or an async function: the library tells factories from constructors by those traits.
 */
export function createMemoryAdapterFactory(): (model: string) => InMemoryAdapter {
  const store = new Store();
  return (model: string) => new InMemoryAdapter(model, store);
}
