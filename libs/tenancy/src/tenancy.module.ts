import { Module } from '@nestjs/common';
import { ComuneResolver, ConsortiumResolver } from './tenancy.resolver';
import { TenancyRepository } from './tenancy.repository';
import { TenancyService } from './tenancy.service';
import { ConsortiumSettingsRepository } from './settings/consortium-settings.repository';
import { ConsortiumSettingsResolver } from './settings/consortium-settings.resolver';
import { ConsortiumSettingsService } from './settings/consortium-settings.service';

@Module({
  providers: [
    TenancyRepository,
    TenancyService,
    ConsortiumResolver,
    ComuneResolver,
    ConsortiumSettingsRepository,
    ConsortiumSettingsService,
    ConsortiumSettingsResolver,
  ],
  exports: [TenancyService, TenancyRepository, ConsortiumSettingsService],
})
export class TenancyModule {}
