import { Module } from '@nestjs/common';
import { IdentityModule } from '@rtd/identity';
import { TenancyModule } from '@rtd/tenancy';
import { PrivacyResolver } from './privacy.resolver';
import { PrivacyService } from './privacy.service';

/** The operator's answers to data requests (GraphQL); the retention job is in jobs/. */
@Module({
  imports: [IdentityModule, TenancyModule],
  providers: [PrivacyService, PrivacyResolver],
})
export class PrivacyModule {}
