import { Module } from '@nestjs/common';
import { CatalogModule } from '@rtd/catalog';
import { TenancyModule } from '@rtd/tenancy';
import { ObjectivesRepository } from './objectives.repository';
import { CarryForwardService } from './carry-forward.service';
import { CarriedLineResolver, PushRunResolver, SharedObjectiveResolver } from './objectives.resolver';
import { ObjectivesService } from './objectives.service';
import { TargetPreviewService } from './target-preview.service';

@Module({
  imports: [CatalogModule, TenancyModule],
  providers: [
    ObjectivesRepository,
    ObjectivesService,
    TargetPreviewService,
    CarryForwardService,
    SharedObjectiveResolver,
    CarriedLineResolver,
    PushRunResolver,
  ],
  exports: [ObjectivesService, ObjectivesRepository],
})
export class ObjectivesModule {}
