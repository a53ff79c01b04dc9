/** Runs the `restverdi` CLI in-process and captures what it prints. */
import { main } from '../../src/cli/main.ts';
import type { StoreOptions } from '../../src/store/database.ts';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(
  args: string[],
  options: { dataDir?: string; store?: StoreOptions } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    ['node', 'restverdi', ...args],
    {
      out: (s) => {
        stdout += s;
      },
      err: (s) => {
        stderr += s;
      },
    },
    options.dataDir,
    options.store,
  );
  return { code, stdout, stderr };
}

/** `runCli` with the arguments spread: `run('residues', '--format', 'json')`. */
export function run(...args: string[]): Promise<Run> {
  return runCli(args);
}
