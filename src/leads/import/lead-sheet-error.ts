import { PermanentError } from '../../errors.ts';

export type LeadSheetErrorCode =
  /** Not a format we read: old binary .xls, HTML saved as .xls, anything but .xlsx or .csv. */
  | 'lead_sheet_format'
  /** An .xlsx that does not open (damaged, or not really a workbook). */
  | 'lead_sheet_unreadable'
  /** The configured sheet is not in the workbook. */
  | 'lead_sheet_sheet'
  /** No row near the top looks like a header. */
  | 'lead_sheet_header'
  /** A header was found, but without a column every lead needs. */
  | 'lead_sheet_columns';

/** The whole file cannot be imported; the message is for the clerk who sent it, in Chinese. */
export class LeadSheetError extends PermanentError {
  declare readonly code: LeadSheetErrorCode;

  constructor(code: LeadSheetErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, { ...options, code });
  }
}
