import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { RequestContext } from './request-context';

export interface GraphqlContextValue {
  ctx: RequestContext;
}

/** Injects the caller's RequestContext into a resolver method. */
export const Ctx = createParamDecorator((_data: unknown, execution: ExecutionContext): RequestContext => {
  const gql = GqlExecutionContext.create(execution).getContext<GraphqlContextValue>();
  return gql.ctx;
});
