export * from './plan.module';
export * from './plan.service';
export * from './indicators.service';
export * from './plan.repository';
export * from './plan-rules';
export * from './plan-seeding';
export * from './dto/plan.types';
export * from './tables';
