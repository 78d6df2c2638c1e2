/** Command-line words split into `--name value` options, `--flag` switches and positional arguments. */
export interface CliArgs {
  positional: string[];
  options: Map<string, string>;
  flags: Set<string>;
}

/** Switches that take no value; every other `--name` takes the next word. */
const SWITCHES = new Set(['--dry-run']);

export function parseCliArgs(args: readonly string[]): CliArgs {
  const parsed: CliArgs = { positional: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < args.length; i += 1) {
    const word = args[i];
    if (SWITCHES.has(word)) parsed.flags.add(word);
    else if (word.startsWith('--')) {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`manca il valore di ${word}`);
      parsed.options.set(word, value);
      i += 1;
    } else parsed.positional.push(word);
  }
  return parsed;
}

/** "2027-2029" as two years; undefined when not given. */
export function parsePeriod(value: string | undefined): { from: number; to: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})-(\d{4})$/.exec(value);
  if (!m) throw new Error(`periodo non valido: «${value}» (atteso AAAA-AAAA)`);
  return { from: Number(m[1]), to: Number(m[2]) };
}
