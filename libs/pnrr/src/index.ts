export * from './pnrr.module';
export * from './pnrr.service';
export * from './pnrr-importer';
export * from './pnrr-format';
export * from './dto/pnrr.objects';
export * from './tables';
