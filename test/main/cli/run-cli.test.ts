import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-core/contract/api-error';
import { CliUsageError, type CliCommand } from '../../../src-main/cli/command';
import { commands } from '../../../src-main/cli/commands/index';
import { runCli } from '../../../src-main/cli/run-cli';

/** The `nn-lab` entry itself: help, version, an unknown command, and how a command's failure reaches the user. */

function captured() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), cwd: process.cwd() }, out, err };
}

describe('runCli', () => {
  it('lists every command in --help, and the help is what a bare `nn-lab` prints', async () => {
    const help = captured();
    expect(await runCli(['--help'], help.io)).toBe(0);
    for (const command of commands) expect(help.out.join('')).toContain(`  ${command.name}`);
    const bare = captured();
    expect(await runCli([], bare.io)).toBe(0);
    expect(bare.out.join('')).toBe(help.out.join(''));
  });

  it('prints the version', async () => {
    const { io, out } = captured();
    expect(await runCli(['--version'], io)).toBe(0);
    expect(out.join('')).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('refuses an unknown command with exit code 2 and says where the list is', async () => {
    const { io, out, err } = captured();
    expect(await runCli(['trian'], io)).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('')).toBe("nn-lab: unknown command 'trian'. Run 'nn-lab --help' for the list.\n");
  });

  it("prints a command's usage for `nn-lab <command> --help` without running it", async () => {
    const { io, out } = captured();
    expect(await runCli(['train', '--help'], io)).toBe(0);
    expect(out.join('')).toMatch(/^Usage: nn-lab train --config/);
  });

  it('turns a usage mistake into exit 2 and a failure into exit 1 naming file:line:column, never a stack', async () => {
    const failing = (error: Error): CliCommand => ({ name: 'probe', summary: '', usage: 'Usage: nn-lab probe', run: () => Promise.reject(error) });
    commands.push(failing(new CliUsageError('--epochs must be a whole number')));
    try {
      const usage = captured();
      expect(await runCli(['probe'], usage.io)).toBe(2);
      expect(usage.err.join('')).toBe("nn-lab probe: --epochs must be a whole number\nRun 'nn-lab probe --help' for usage.\n");

      commands[commands.length - 1] = failing(new ApiError({ code: 'bad_input', message: 'not a number', file: 'x.csv', line: 3, column: 2 }));
      const located = captured();
      expect(await runCli(['probe'], located.io)).toBe(1);
      expect(located.err.join('')).toBe('nn-lab probe: x.csv:3:2: not a number\n');

      commands[commands.length - 1] = failing(new TypeError('boom'));
      const unexpected = captured();
      expect(await runCli(['probe'], unexpected.io)).toBe(1);
      expect(unexpected.err.join('')).toBe('nn-lab probe: boom\n');
      expect(unexpected.err.join('')).not.toMatch(/\bat .+:\d+:\d+/);
    } finally {
      commands.pop();
    }
  });
});
