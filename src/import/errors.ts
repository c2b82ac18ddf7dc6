/**
 * Errors that stop a whole import run before anything is written, for a reason the caller can act
 * on. The command line prints them and exits 2; the HTTP endpoints answer with `status`.
 */
export class ImportRequestError extends Error {
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.name = 'ImportRequestError';
    this.status = status;
  }
}

/** The input itself is wrong (an unknown locale, say): 400. */
export const invalidImportRequest = (message: string): ImportRequestError => new ImportRequestError(message, 400);

/** Another import holds the database's import lock: 409, with who holds it and since when. */
export const importBusy = (message: string): ImportRequestError => new ImportRequestError(message, 409);
