/** `tsx tools/preview.ts [--demo] [--config FILE] [--headless] [--cdp-port N]` */
export interface PreviewCliArgs {
  demo: boolean;
  configPath: string | null;
  headless: boolean;
  cdpPort: number | null;
  help: boolean;
}

export const usage =
  'Usage: npm run preview -- [--demo] [--config FILE] [--headless] [--cdp-port N]\n' +
  '  --demo         fictional organisation, fresh demo database in a temp folder (default without --config)\n' +
  '  --config FILE  the kiosk config file (JSON or YAML)\n' +
  '  --headless     no window (drive it over --cdp-port)\n' +
  '  --cdp-port N   open the DevTools protocol on 127.0.0.1:N for chromium.connectOverCDP';

export class CliArgsError extends Error {
  constructor(message: string) {
    super(`${message}\n${usage}`);
    this.name = 'CliArgsError';
  }
}

export function parsePreviewArgs(argv: readonly string[]): PreviewCliArgs {
  const args: PreviewCliArgs = { demo: false, configPath: null, headless: false, cdpPort: null, help: false };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const next = argv[index + 1];
      if (next === undefined || next.startsWith('--')) throw new CliArgsError(`${flag} needs a value.`);
      index += 1;
      return next;
    };
    switch (flag) {
      case '--demo':
        args.demo = true;
        break;
      case '--headless':
        args.headless = true;
        break;
      case '--config':
        args.configPath = value();
        break;
      case '--cdp-port': {
        const raw = value();
        const port = /^[0-9]{1,5}$/.test(raw) ? Number(raw) : NaN;
        if (!(port >= 1 && port <= 65535)) throw new CliArgsError(`--cdp-port must be a port number from 1 to 65535 (got "${raw}").`);
        args.cdpPort = port;
        break;
      }
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new CliArgsError(`Unknown option "${arg}".`);
    }
  }
  if (args.demo && args.configPath !== null) throw new CliArgsError('Use either --demo or --config FILE, not both.');
  return args;
}
