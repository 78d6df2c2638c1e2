import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, ModuleMetadata, Module, Type } from '@nestjs/common';
import { ObjectivesConfigModule } from '../objectives.config';
import { ObjectivesRepository } from '../objectives.repository';
import { FanOut } from './fan-out';
import { PushRunProcessor } from './push-run.job';
import { PUSH_RUN_ASSIGNMENTS, PUSH_RUNS_QUEUE, PushRunAssignments } from './push-run.payload';

/**
 * The worker's part of objectives: the push-run queue and the fan-out. The assignments it
 * creates come from the assignments domain, wired in by the application (which alone sees both):
 * `PushRunJobsModule.register({ imports: [AssignmentsModule], assignments: PushRunAssignmentsService })`.
 */
@Module({})
export class PushRunJobsModule {
  static register(options: {
    imports: ModuleMetadata['imports'];
    assignments: Type<PushRunAssignments>;
  }): DynamicModule {
    return {
      module: PushRunJobsModule,
      imports: [
        ...(options.imports ?? []),
        ObjectivesConfigModule,
        BullModule.registerQueue({ name: PUSH_RUNS_QUEUE }),
      ],
      providers: [
        ObjectivesRepository,
        FanOut,
        PushRunProcessor,
        { provide: PUSH_RUN_ASSIGNMENTS, useExisting: options.assignments },
      ],
      exports: [FanOut],
    };
  }
}
