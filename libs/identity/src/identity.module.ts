import { Module } from '@nestjs/common';
import { TenancyModule } from '@rtd/tenancy';
import { AccessCache } from './access-cache';
import { AccessInvalidation } from './access-invalidation';
import { AccessLoader } from './access.loader';
import { IdentityRepository } from './identity.repository';
import { MembershipResolver } from './identity.resolver';
import { IdentityService } from './identity.service';
import { TokenVerifier } from './token-verifier';

@Module({
  imports: [TenancyModule],
  providers: [
    IdentityRepository,
    IdentityService,
    MembershipResolver,
    TokenVerifier,
    AccessLoader,
    AccessCache,
    AccessInvalidation,
  ],
  exports: [
    IdentityRepository,
    IdentityService,
    TokenVerifier,
    AccessLoader,
    AccessCache,
    AccessInvalidation,
  ],
})
export class IdentityModule {}
