export * from './succession.types';
export { buildSuccessions, AUTOMATIC_DROPPED_NOTE } from './build-successions';
export {
  parseSuccessions,
  parseSuccessionOverrides,
  serializeSuccessions,
  SUCCESSION_KINDS,
} from './succession-file';
export { similarity, stems } from './similarity';
export * from './succession.queries';
