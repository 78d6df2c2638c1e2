import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  CLOSED_BY_OFFICE,
  STATUS_LABEL,
  STATUS_LABEL_PLURAL,
} from '../../libs/kernel/src/text/status-vocabulary';
import { STATUS_NAME } from '../../libs/kernel/src/text/italian-names';
import { statusLabel } from '../../libs/notifications/src/templates';
import { PROJECT_ROOT } from '../support/paths';

/**
 * One status vocabulary (issue 23): the web app, the mails and the exports read the same words
 * from libs/kernel/src/text/status-vocabulary.ts, and no other file spells a status its own way.
 */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (entry === 'gql' || entry === 'node_modules') return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry) && !/\.spec\.tsx?$/.test(entry) ? [full] : [];
  });
}

const SOURCES = ['libs', 'apps/web/src'].flatMap((dir) =>
  sourceFiles(path.join(PROJECT_ROOT, dir)).map((file) => ({
    file: path.relative(PROJECT_ROOT, file),
    text: readFileSync(file, 'utf8'),
  })),
);

const CODES = Object.keys(STATUS_LABEL) as (keyof typeof STATUS_LABEL)[];

describe('one status vocabulary', () => {
  it('gives the messages of the server and the mails the same words', () => {
    for (const code of CODES) {
      expect(STATUS_NAME[code]).toBe(STATUS_LABEL[code]);
      expect(statusLabel(code)).toBe(STATUS_LABEL[code]);
    }
    expect(STATUS_LABEL.SUBMITTED).toBe('Inviata, da validare');
  });

  it('is imported by the web app, the mails and the exports', () => {
    const importers = SOURCES.filter(({ text }) =>
      /from '(@rtd\/kernel|[./]+(libs\/kernel\/src\/)?text\/status-vocabulary|\.\/status-vocabulary)'/.test(
        text,
      ),
    ).map(({ file }) => file);
    for (const reader of [
      'apps/web/src/lib/i18n.ts',
      'libs/notifications/src/templates.ts',
      'libs/exports/src/report/consortium-report.ts',
    ]) {
      expect(importers).toContain(reader);
    }
    const web = SOURCES.find(({ file }) => file === 'apps/web/src/lib/i18n.ts')!.text;
    expect(web).toContain("from '../../../../libs/kernel/src/text/status-vocabulary'");
  });

  it('is spelt nowhere else', () => {
    // Any other file writing a status label (singular or plural, or the old «Inviato», «Da avviare»)
    // as a string literal would be a second vocabulary.
    const words = [
      ...Object.values(STATUS_LABEL),
      ...Object.values(STATUS_LABEL_PLURAL),
      CLOSED_BY_OFFICE,
      'Inviato',
      'Inviate',
      'Da avviare',
      'Non avviato',
    ].filter((word) => word !== 'In corso'); // also a push run's and a request's state
    const spelt = SOURCES.filter(({ file }) => !file.endsWith('status-vocabulary.ts')).flatMap(
      ({ file, text }) =>
        words
          .filter((word) =>
            new RegExp(`['"\`]${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"\`]`).test(text),
          )
          .map((word) => `${file}: «${word}»`),
    );
    expect(spelt).toEqual([]);
  });
});
