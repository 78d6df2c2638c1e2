import path from 'node:path';
import type PdfMake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { pdfmake } from './lazy-libraries';

const FONT_DIR = path.resolve(__dirname, '../data/fonts/titillium-web');
const font = (file: string) => path.join(FONT_DIR, `titillium-web-v10-latin-ext_latin-${file}.ttf`);

let configured = false;

/**
 * pdfmake 0.3 on the server is a configured singleton: fonts registered as files (Titillium
 * Web, the typeface of AgID's design system, shipped in data/fonts with its OFL licence), no
 * URL ever fetched, and only the font folder readable from disk.
 */
function printer(): typeof PdfMake {
  const pdfMake = pdfmake();
  if (!configured) {
    pdfMake.setFonts({
      Titillium: {
        normal: font('regular'),
        bold: font('600'),
        italics: font('italic'),
        bolditalics: font('600italic'),
      },
    });
    pdfMake.setUrlAccessPolicy(() => false);
    pdfMake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(FONT_DIR + path.sep));
    configured = true;
  }
  return pdfMake;
}

export async function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  return printer()
    .createPdf({ ...definition, defaultStyle: { font: 'Titillium', ...definition.defaultStyle } })
    .getBuffer();
}
