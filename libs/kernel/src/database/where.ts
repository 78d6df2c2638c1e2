/**
 * Builds a WHERE clause from the filters actually given, numbering parameters as it goes. Hot
 * queries avoid the `($1 IS NULL OR col = $1)` idiom: it hides the index from the planner.
 */
export class Where {
  readonly params: unknown[];
  private readonly clauses: string[] = [];

  constructor(firstParams: unknown[] = []) {
    this.params = [...firstParams];
  }

  /** Adds a parameter and returns its placeholder (`$n`). */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  and(clause: string): this {
    this.clauses.push(clause);
    return this;
  }

  toString(): string {
    return this.clauses.length ? this.clauses.join(' AND ') : 'true';
  }
}
