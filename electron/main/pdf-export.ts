/**
 * PDF export and printing of the contract (CEO) page: the print options and the save dialog's
 * settings, as data. The renderer shows the contract with its print stylesheet before asking.
 */
import path from 'node:path';
import type { PrintToPDFOptions, SaveDialogOptions, WebContentsPrintOptions } from 'electron';

export const CONTRACT_PDF_OPTIONS = {
  pageSize: 'A4',
  printBackground: true,
  landscape: false,
  displayHeaderFooter: false,
  preferCSSPageSize: true,
  generateTaggedPDF: true,
} as const satisfies PrintToPDFOptions;

export const CONTRACT_PRINT_OPTIONS = {
  silent: false,
  printBackground: true,
  pageSize: 'A4',
} as const satisfies WebContentsPrintOptions;

/** The contract-checked file name, with a `.pdf` extension, placed in the user's folder. */
export function buildPdfSaveDialogOptions(
  suggestedFileName: string,
  documentsDir: string,
): SaveDialogOptions {
  const base = suggestedFileName.toLowerCase().endsWith('.pdf')
    ? suggestedFileName
    : `${suggestedFileName}.pdf`;
  return {
    title: 'Enregistrer le contrat en PDF',
    buttonLabel: 'Enregistrer',
    defaultPath: path.join(documentsDir, path.basename(base)),
    filters: [{ name: 'Document PDF', extensions: ['pdf'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/** The dialog may return a path without extension when the user typed one. */
export function ensurePdfExtension(filePath: string): string {
  return filePath.toLowerCase().endsWith('.pdf') ? filePath : `${filePath}.pdf`;
}

/** Electron's print callback reports a cancel as a failure with this reason. */
export function classifyPrintResult(
  success: boolean,
  failureReason: string,
): { status: 'printed' } | { status: 'cancelled' } | { status: 'failed'; message: string } {
  if (success) return { status: 'printed' };
  if (/cancel/i.test(failureReason)) return { status: 'cancelled' };
  return { status: 'failed', message: "L'impression n'a pas pu aboutir." };
}
