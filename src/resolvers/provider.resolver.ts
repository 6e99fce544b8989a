import { Ctx, Directive, Query, Resolver } from 'type-graphql';

import { describeCapabilities } from '../providers/capabilities.js';
import type { Context } from '../server/context.js';
import { ProviderInfo } from '../schema/types/provider-info.type.js';

@Resolver(() => ProviderInfo)
export class ProviderResolver {
  @Directive('@listSize(assumedSize: 10)')
  @Query(() => [ProviderInfo], {
    description:
      'Every provider behind this API, whether it is LIVE or SANDBOX, and what it can do.',
  })
  providers(@Ctx() ctx: Context): ProviderInfo[] {
    return ctx.registry.all().map((m) => ({
      provider: m.provider,
      mode: m.mode,
      capabilities: describeCapabilities(m.capabilities),
    }));
  }
}
