import { IsOptional, IsString, Length, Matches } from '../../util/class-validator.js';
import { Field, InputType } from 'type-graphql';

import { HasNoControlCharacters, IsNotBlank } from './validators.js';

/** Every update input takes an idempotency key (issue 12). */
@InputType({ description: 'The idempotency key of the update inputs (not used on its own).' })
export abstract class IdempotentUpdateInput {
  @Field(() => String, {
    nullable: true,
    description:
      'Makes the update safe to retry, as on the creates: the same key with the same id and input answers the first result without a second provider write; with another input it is refused (`idempotencyKeyReused`).',
  })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  @Matches(/^[\x20-\x7E]+$/, { message: 'idempotencyKey must be printable ASCII characters' })
  idempotencyKey?: string;
}

/**
 * What every update input shares (issue 12). Updates are partial: an omitted field is left as it
 * is; an explicit `null` clears it where the provider allows (else UNSUPPORTED_BY_PROVIDER);
 * an empty list clears a list. The provider and the organizer come from the id.
 */
@InputType({ description: 'Fields shared by the update inputs (not used on its own).' })
export abstract class UpdateInputBase extends IdempotentUpdateInput {
  @Field(() => String, {
    nullable: true,
    description: 'New subject, 1–255 characters; not blank, no control characters or line breaks.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  @IsNotBlank()
  @HasNoControlCharacters()
  subject?: string;
}
