/** `--name value` pairs after the command words; a flag given twice or without a value is an error. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseFlags(args: readonly string[], allowed: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    // Not echoed: the likeliest stray argument is a password typed where stdin was meant.
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument number ${i + 1} (not shown; passwords go on stdin, one per line)`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (!allowed.includes(name)) throw new UsageError(`unknown option --${name} (expected one of ${allowed.map((a) => `--${a}`).join(', ')})`);
    if (flags.has(name)) throw new UsageError(`--${name} given twice`);
    const value = inline ?? args[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    flags.set(name, value);
  }
  return flags;
}

/** A flag that takes no value (`--dry-run`): whether it was given, and the other arguments. */
export function takeSwitch(args: readonly string[], name: string): [boolean, string[]] {
  const rest = args.filter((arg) => arg !== `--${name}`);
  if (args.length - rest.length > 1) throw new UsageError(`--${name} given twice`);
  return [rest.length < args.length, rest];
}
