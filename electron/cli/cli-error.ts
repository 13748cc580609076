/** A usage mistake on the command line: printed as one line, exit code 2. */
export class UsageError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
