import { Args, GraphQLISODateTime, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { EvidenceObject, EvidenceUploadObject } from '@rtd/assignments';
import { Ctx, RequestContext } from '@rtd/kernel';
import { EvidenceLinks } from './evidence-links';

@Resolver(() => EvidenceObject)
export class EvidenceLinksResolver {
  constructor(private readonly links: EvidenceLinks) {}

  @Mutation(() => EvidenceUploadObject, {
    description:
      'Checks the rights and the terms of a file upload (the caller reports on the assignment, the report is open, the name, the evidence it replaces), then returns a short-lived URL: POST the raw bytes there with the same bearer token; the answer is the evidence, or an error with extensions.code and the field (docs/evidence-files.md)',
  })
  createEvidenceUpload(
    @Ctx() ctx: RequestContext,
    @Args('assignmentId', { type: () => ID }) assignmentId: string,
    @Args('fileName', { type: () => String }) fileName: string,
    @Args('description', { type: () => String, nullable: true }) description: string | null,
    @Args('replacesEvidenceId', { type: () => ID, nullable: true }) replacesEvidenceId: string | null,
  ): Promise<EvidenceUploadObject> {
    return this.links.createUpload(ctx, {
      assignmentId,
      fileName,
      description: description ?? null,
      replacesId: replacesEvidenceId ?? null,
    });
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'FILE, while current: a short-lived link for the caller (GET with the bearer token)',
  })
  downloadUrl(@Ctx() ctx: RequestContext, @Parent() evidence: EvidenceObject): string | null {
    return this.links.download(ctx, evidence)?.url ?? null;
  }

  @ResolveField(() => GraphQLISODateTime, { nullable: true })
  downloadExpiresAt(@Ctx() ctx: RequestContext, @Parent() evidence: EvidenceObject): Date | null {
    return this.links.download(ctx, evidence)?.expiresAt ?? null;
  }
}
