import 'reflect-metadata';
import { benchConfig } from './bench-config';
import { seedNationalData } from './seed';

/** `npm run bench:seed`: fills the benchmark database with national-scale data. */
seedNationalData(benchConfig(), (line) => console.log(line)).then(
  (report) => {
    console.log(
      `Fatto in ${report.seconds} s: ${report.consortia} consorzi, ${report.objectives} obiettivi, ` +
        `${report.assignments} assegnazioni, ${report.statusEvents} eventi di stato, ${report.evidence} evidenze`,
    );
    process.exitCode = 0;
  },
  (error: unknown) => {
    console.error(`bench:seed non riuscito: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
