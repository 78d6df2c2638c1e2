import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '@rtd/kernel';
import { SchedaNarrativeService } from './scheda-narrative.service';
import { ComuneStateOfTheArtObject, SetComuneStateOfTheArtInput } from './scheda-narrative.types';

@Resolver(() => ComuneStateOfTheArtObject)
export class SchedaNarrativeResolver {
  constructor(private readonly narratives: SchedaNarrativeService) {}

  @Query(() => ComuneStateOfTheArtObject, {
    nullable: true,
    description:
      "The office's paragraph on the comune's state of the art, printed in its scheda; the office and the comune's people",
  })
  comuneStateOfTheArt(
    @Ctx() ctx: RequestContext,
    @Args('comuneId', { type: () => ID }) comuneId: string,
  ): Promise<ComuneStateOfTheArtObject> {
    return this.narratives.get(ctx, comuneId);
  }

  @Mutation(() => ComuneStateOfTheArtObject, {
    description: "Writes the paragraph on the comune's state of the art (the consortium's RTD and staff)",
  })
  setComuneStateOfTheArt(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => SetComuneStateOfTheArtInput }) input: SetComuneStateOfTheArtInput,
  ): Promise<ComuneStateOfTheArtObject> {
    return this.narratives.set(ctx, input);
  }
}
