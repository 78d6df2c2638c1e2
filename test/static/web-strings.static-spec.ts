import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { PROJECT_ROOT } from '../support/paths';

/**
 * Every word a person reads in the web app lives in apps/web/src/lib/i18n*.ts (conventions, rule
 * 16): a component under features/ or app/ names its text by key. This check reads each .tsx and
 * fails on Italian-looking text outside those modules: JSX text with letters, the text attributes
 * a person reads or hears (aria-label, title, placeholder, alt), and string literals with an
 * accented vowel, a typographic apostrophe or quote, or a common Italian word.
 */
const SCANNED = ['apps/web/src/features', 'apps/web/src/app'];

/** Text that is not Italian prose, with the reason. Keep it short: key it by file and text. */
const ALLOWLIST: { file: string; text: string; reason: string }[] = [
  {
    file: 'apps/web/src/features/audit/components/AuditLogPage.tsx',
    text: 'dal',
    reason: 'URL parameter name',
  },
  {
    file: 'apps/web/src/features/audit/components/AuditLogPage.tsx',
    text: 'al',
    reason: 'URL parameter name',
  },
  {
    file: 'apps/web/src/features/exports/components/ReportPanel.tsx',
    text: 'PDF',
    reason: 'file format name',
  },
  {
    file: 'apps/web/src/features/exports/components/ReportPanel.tsx',
    text: 'XLSX',
    reason: 'file format name',
  },
];

/**
 * Components not yet moved to the i18n modules, with how many findings each may still have: none
 * since issue 27. Kept so that a move done in steps can list a file; a file leaves the list at 0.
 */
const PENDING: Record<string, number> = {};

const READ_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description']);
const ITALIAN_WORD =
  /(^|[\s(«"'])(il|lo|la|le|gli|di|del|della|dei|delle|degli|da|dal|dalla|per|che|non|un|una|con|nel|nella|sono|alla|al|sul|questo|questa|ancora|nessun|nessuna|tutti|tutte|oppure|anche|già|più)(?=[\s,.:;!?»"')]|$)/i;
const ITALIAN_MARK = /[àèéìòóùÀÈÉÌÒÙ’«»…]/;

export interface Finding {
  line: number;
  text: string;
  why: string;
}

/** The Italian-looking text of one .tsx source (exported for the check of the check below). */
export function italianStrings(fileName: string, source: string): Finding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Finding[] = [];
  const add = (node: ts.Node, text: string, why: string) =>
    found.push({
      line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1,
      text: text.trim(),
      why,
    });
  const looksItalian = (text: string) => ITALIAN_MARK.test(text) || ITALIAN_WORD.test(text);
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isJsxText(node)) {
      if (/\p{L}{2,}/u.test(node.text)) add(node, node.text, 'JSX text');
      return;
    }
    if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer)) {
      const name = node.name.getText(file);
      if (READ_ATTRIBUTES.has(name) && /\p{L}{2,}/u.test(node.initializer.text)) {
        add(node, node.initializer.text, `${name} attribute`);
        return;
      }
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (looksItalian(node.text)) add(node, node.text, 'string literal');
      return;
    }
    if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' … ');
      if (looksItalian(parts.replace(/…/g, ' '))) add(node, parts, 'template literal');
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return tsxFiles(full);
    return entry.endsWith('.tsx') ? [full] : [];
  });
}

describe('the web app keeps its Italian text in lib/i18n*.ts', () => {
  it('finds no Italian text in the components of features/ and app/', () => {
    const offenders = SCANNED.flatMap((dir) => tsxFiles(path.join(PROJECT_ROOT, dir))).flatMap((full) => {
      const file = path.relative(PROJECT_ROOT, full);
      return italianStrings(file, readFileSync(full, 'utf8'))
        .filter((f) => !ALLOWLIST.some((a) => a.file === file && a.text === f.text))
        .map((f) => `${file}:${f.line} ${f.why}: ${JSON.stringify(f.text)}`);
    });
    const byFile = new Map<string, string[]>();
    for (const o of offenders) {
      const file = o.slice('apps/web/src/'.length, o.indexOf(':'));
      byFile.set(file, [...(byFile.get(file) ?? []), o]);
    }
    const over = [...byFile]
      .filter(([file, found]) => found.length > (PENDING[file] ?? 0))
      .flatMap(([, f]) => f);
    expect(over).toEqual([]);
  });

  it('keeps the list of files still to move exact (a moved file leaves it)', () => {
    const stale = Object.entries(PENDING).filter(([file, allowed]) => {
      const full = path.join(PROJECT_ROOT, 'apps/web/src', file);
      const found = italianStrings(file, readFileSync(full, 'utf8')).length;
      return found < allowed;
    });
    expect(stale).toEqual([]);
  });

  it('can fail: it catches JSX text, read attributes and Italian literals', () => {
    const bad = `
      export function Bad({ n }: { n: number }) {
        const title = 'Nessuna attività';
        const note = \`Mostra \${n} di più\`;
        return (
          <section aria-label="Elenco dei Comuni">
            <h2>Le attività del Comune</h2>
            <button title="Salva">{title}{note}</button>
          </section>
        );
      }`;
    expect(italianStrings('bad.tsx', bad).map((f) => f.why)).toEqual([
      'string literal',
      'template literal',
      'aria-label attribute',
      'JSX text',
      'title attribute',
    ]);
  });

  it('leaves code alone: keys, classes, GraphQL names, i18n lookups', () => {
    const good = `
      import { WORKLIST_LABEL as L } from '../../lib/i18n';
      export function Good({ id }: { id: string }) {
        const status = 'IN_PROGRESS';
        return (
          <section aria-label={L.region} className="d-flex gap-2" id={\`\${id}-list\`}>
            <h2>{L.title}</h2>
            {status === 'IN_PROGRESS' ? <span>{L.inProgress}</span> : null} —{' '}
          </section>
        );
      }`;
    expect(italianStrings('good.tsx', good)).toEqual([]);
  });
});
