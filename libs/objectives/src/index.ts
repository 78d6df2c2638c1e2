export * from './objectives.module';
export * from './objectives.service';
export * from './objectives.repository';
export * from './target';
export * from './dto/objective.types';
export * from './fan-out';
export * from './tables';
