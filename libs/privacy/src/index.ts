export * from './privacy.module';
export * from './privacy.service';
export * from './dto/personal-data.types';
export * from './tables';
