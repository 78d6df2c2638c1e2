import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The slice of the oidc-provider 9 API this app uses. The package ships no typings and
 * @types/oidc-provider is not a dependency; declaring only what we call keeps the compiler
 * honest without pulling a second source of truth about the whole library.
 */
export interface OidcProviderModule {
  Provider: new (issuer: string, configuration: object) => OidcProvider;
  errors: {
    InvalidTarget: new (description?: string) => Error;
  };
  interactionPolicy: {
    base(): InteractionPolicy;
    Check: new (
      reason: string,
      description: string,
      check: (ctx: ProviderContext) => boolean | Promise<boolean>,
    ) => object;
  };
}

export interface InteractionPolicy {
  get(name: string): { checks: { add(check: object): void } } | undefined;
}

export interface OidcProvider {
  readonly issuer: string;
  callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: object,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  Grant: GrantClass;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

export interface Interaction {
  uid: string;
  params: Record<string, unknown> & { client_id?: string };
  prompt: {
    name: string;
    reasons: string[];
    details: {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
  };
  session?: { accountId?: string };
  grantId?: string;
}

export interface GrantClass {
  new (properties: { accountId: string; clientId: string }): Grant;
  find(id: string): Promise<Grant | undefined>;
}

export interface Grant {
  accountId?: string;
  clientId?: string;
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  addResourceScope(resource: string, scope: string): void;
  save(): Promise<string>;
}

/** The Koa context oidc-provider hands to configuration callbacks. */
export interface ProviderContext {
  type?: string;
  body?: unknown;
  oidc: {
    provider: OidcProvider;
    client?: { clientId: string };
    session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
    result?: { login?: unknown; consent?: { grantId?: string } };
    prompts: ReadonlySet<string>;
    requestParamOIDCScopes: ReadonlySet<string>;
    requestParamClaims: ReadonlySet<string>;
    resourceServers: Record<string, { scope?: string }>;
  };
}

/** Access tokens (people) and client-credentials tokens (machines) as seen by extraTokenClaims. */
export interface IssuedToken {
  kind: string;
  accountId?: string;
  clientId?: string;
}
