import { Module } from '@nestjs/common';
import { ComuneResolver, ConsortiumResolver } from './tenancy.resolver';
import { TenancyRepository } from './tenancy.repository';
import { TenancyService } from './tenancy.service';

@Module({
  providers: [TenancyRepository, TenancyService, ConsortiumResolver, ComuneResolver],
  exports: [TenancyService, TenancyRepository],
})
export class TenancyModule {}
