// The command line of `npm start` (`npm start -- --locale sv`), apart from start.mjs so a unit test
// can read it without starting VS Code.

export const startUsage = `Usage: npm start [-- --locale <language>]
  --locale <language>  VS Code's display language, e.g. sv (Swedish) or en (the default)`;

/**
 * Reads `npm start`'s arguments. Throws on anything it does not know, with the usage, so a mistyped
 * option is not silently ignored.
 * @param {readonly string[]} argv the arguments after the script (process.argv.slice(2))
 * @returns {{ locale?: string, help: boolean }}
 */
export function parseStartArgs(argv) {
  /** @type {{ locale?: string, help: boolean }} */
  const options = { help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      options.help = true;
    } else if (arg === '--locale' || arg.startsWith('--locale=')) {
      const value = arg === '--locale' ? argv[++i] : arg.slice('--locale='.length);
      // A language tag as VS Code takes it: sv, en, pt-br, zh-tw.
      if (!value || !/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(value)) throw new Error(`--locale needs a language such as sv or en.\n${startUsage}`);
      options.locale = value.toLowerCase();
    } else {
      throw new Error(`Unknown argument ${arg}.\n${startUsage}`);
    }
  }
  return options;
}
