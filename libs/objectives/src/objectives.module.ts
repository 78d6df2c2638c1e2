import { Module } from '@nestjs/common';
import { CatalogModule } from '@rtd/catalog';
import { TenancyModule } from '@rtd/tenancy';
import { ObjectivesRepository } from './objectives.repository';
import { PushRunResolver, SharedObjectiveResolver } from './objectives.resolver';
import { ObjectivesService } from './objectives.service';

@Module({
  imports: [CatalogModule, TenancyModule],
  providers: [ObjectivesRepository, ObjectivesService, SharedObjectiveResolver, PushRunResolver],
  exports: [ObjectivesService, ObjectivesRepository],
})
export class ObjectivesModule {}
