/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, on purpose (below) */
import type ExcelJS from 'exceljs';
import type * as Echarts from 'echarts';
import type PdfMake from 'pdfmake';

/**
 * The file builders' libraries (exceljs, echarts, pdfmake with pdfkit and its fonts), loaded on
 * first use rather than with the module: the API process imports this library for its GraphQL
 * types and download links but builds no file (the worker does), and these libraries alone held
 * about 20 MB of its heap at rest (docs/benchmarks.md, RSS).
 */
export function exceljs(): typeof ExcelJS {
  return require('exceljs') as typeof ExcelJS;
}

export function echarts(): typeof Echarts {
  return require('echarts') as typeof Echarts;
}

/** CommonJS singleton: its methods live on the instance's prototype, so the instance itself. */
export function pdfmake(): typeof PdfMake {
  return require('pdfmake') as typeof PdfMake;
}
