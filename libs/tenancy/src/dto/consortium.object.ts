import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionOf } from '@rtd/kernel';
import { ComuneObject } from './comune.object';

@ObjectType('Consortium')
export class ConsortiumObject {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;
}

@ObjectType('ComuneConnection')
export class ComuneConnection extends ConnectionOf(ComuneObject, 'Comune') {}
