import { Module } from '@nestjs/common';
import { TenancyModule } from '@rtd/tenancy';
import { AccessLoader } from './access.loader';
import { IdentityRepository } from './identity.repository';
import { MembershipResolver } from './identity.resolver';
import { IdentityService } from './identity.service';
import { TokenVerifier } from './token-verifier';

@Module({
  imports: [TenancyModule],
  providers: [IdentityRepository, IdentityService, MembershipResolver, TokenVerifier, AccessLoader],
  exports: [IdentityRepository, TokenVerifier, AccessLoader],
})
export class IdentityModule {}
