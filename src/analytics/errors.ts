/** The one error type of src/analytics: bad input the user can fix (the CLI prints it and exits with code 2). */

/** A problem with the table or the options (unreadable file, missing column, one-class target…), with a clear message. */
export class AnalyticsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AnalyticsInputError";
  }
}
