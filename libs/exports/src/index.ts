export * from './exports.module';
export * from './exports.service';
export * from './download-link';
export * from './dto/export.types';
export * from './scheda/scheda-pdf';
export * from './monitoring/monitoring-xlsx';
export * from './tables';
