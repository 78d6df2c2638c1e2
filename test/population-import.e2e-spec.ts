import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { CsvError } from '@rtd/kernel';
import { ownerDataSource } from '@rtd/platform';
import { defaultPopulationOptions, importPopulation } from '@rtd/tenancy';
import { importIstatPopulation } from '../apps/cli/src/commands/catalog.commands';
import { createTestDatabase, TestDatabase } from './support/test-database';

describe('ISTAT population files', () => {
  let db: TestDatabase;
  let owner: DataSource;
  const comune = async (istatCode: string) =>
    (
      await owner.query(
        `SELECT population, population_date AS "date", population_source AS source FROM comune WHERE istat_code = $1`,
        [istatCode],
      )
    )[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await ownerDataSource(db.config, 'population-import-test').initialize();
  });
  afterAll(async () => {
    await owner.destroy();
    await db.drop();
  });

  it('gives every comune its population at 1 January 2021, the two changed codes mapped, and changes nothing a second time', async () => {
    expect(await comune('019035')).toEqual({
      population: 34242,
      date: '2021-01-01',
      source: 'ISTAT, popolazione residente al 1° gennaio 2021 (demo.istat.it)',
    });
    expect(await comune('041033')).toMatchObject({ population: 1066, date: '2021-01-01' }); // Montecopiolo, as 099030
    expect(await comune('041060')).toMatchObject({ population: 1349, date: '2021-01-01' }); // Sassofeltrio, as 099031
    // Merged into Pesaro before 2021: it keeps the 2011 census, with that date.
    expect(await comune('041032')).toMatchObject({ population: 1686, date: '2011-10-09' });
    const again = await owner.transaction((tx) => importPopulation(tx));
    expect(again).toMatchObject({ rows: 7903, changed: 0 });
    expect(again.notCovered.map((c) => c.name)).toEqual(['Monteciccardo']);
  });

  it('loads a newer file from the command line, with its date, leaving the comuni it does not cover as they were', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'istat-'));
    const file = path.join(dir, 'popolazione-2024.csv');
    writeFileSync(file, 'codice,totale\n019035,34000\n019067,9001\n');
    const printed = await importIstatPopulation(db.config, file, {
      ...defaultPopulationOptions(),
      referenceDate: '2024-01-01',
      source: 'ISTAT, popolazione residente al 1° gennaio 2024',
      codeColumn: 'codice',
      populationColumn: 'totale',
    });
    expect(printed).toMatch(
      /^Popolazione ISTAT al 2024-01-01 \(popolazione-2024\.csv\): 2 comuni, 2 aggiornati/,
    );
    expect(await comune('019035')).toEqual({
      population: 34000,
      date: '2024-01-01',
      source: 'ISTAT, popolazione residente al 1° gennaio 2024',
    });
    expect(await comune('019037')).toMatchObject({ date: '2021-01-01' });
  });

  it('refuses a bad file naming its line, and an unknown code, changing nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'istat-'));
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'codiceIstat,popolazione2021\n019035,34242\n019067,molti\n');
    const error = await owner.transaction((tx) => importPopulation(tx, bad)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvError);
    expect((error as Error).message).toBe(
      'bad.csv, riga 3: popolazione non valida: «molti» (un numero intero)',
    );
    const unknown = path.join(dir, 'unknown.csv');
    writeFileSync(unknown, 'codiceIstat,popolazione2021\n019035,1\n999999,5\n');
    await expect(owner.transaction((tx) => importPopulation(tx, unknown))).rejects.toThrow(
      /codici ISTAT assenti dal registro dei comuni: 999999/,
    );
    expect((await comune('019035')).population).not.toBe(1);
  });
});
