import { Module } from '@nestjs/common';
import { CatalogImportService } from './catalog-import.service';
import { CatalogRepository } from './catalog.repository';
import { CatalogResolver, PlanLineResolver, PlanLineSuccessionResolver } from './catalog.resolver';
import { CatalogService } from './catalog.service';

@Module({
  providers: [
    CatalogRepository,
    CatalogService,
    CatalogImportService,
    CatalogResolver,
    PlanLineResolver,
    PlanLineSuccessionResolver,
  ],
  exports: [CatalogService, CatalogRepository],
})
export class CatalogModule {}
