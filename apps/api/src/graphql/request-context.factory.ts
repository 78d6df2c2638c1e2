import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ANONYMOUS, DbSession, RequestContext } from '@rtd/kernel';
import { APP_DATA_SOURCE } from '@rtd/platform';
import { DataSource } from 'typeorm';
import { requestIdOf } from '@rtd/platform';

/**
 * Builds the RequestContext of one GraphQL request: who calls (from the token, once
 * authentication is in place), the request id the logs carry, and a lazily opened
 * transaction whose settings drive row-level security.
 */
@Injectable()
export class RequestContextFactory {
  constructor(@Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async create(req: Request): Promise<RequestContext> {
    const requestId = (req as Request & { id?: string }).id ?? requestIdOf(req);
    return new RequestContext(requestId, ANONYMOUS, new DbSession(this.dataSource, {}));
  }
}
