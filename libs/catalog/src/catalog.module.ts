import { Module } from '@nestjs/common';
import { CatalogRepository } from './catalog.repository';
import { CatalogResolver } from './catalog.resolver';
import { CatalogService } from './catalog.service';

@Module({
  providers: [CatalogRepository, CatalogService, CatalogResolver],
  exports: [CatalogService, CatalogRepository],
})
export class CatalogModule {}
