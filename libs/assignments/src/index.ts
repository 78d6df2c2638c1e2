export * from './assignments.module';
export * from './assignments.service';
export * from './assignments.repository';
export * from './workflow';
export * from './dto/assignment.types';
export * from './overdue';
export * from './assignment-notices';
export * from './tables';
