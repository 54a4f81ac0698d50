// Help texts, generated from the command registry so they cannot drift from what is parsed.
import type { CommandSpec } from './registry.ts';

export const PROGRAM = 'ftpadmin';

function usageLine(spec: CommandSpec): string {
  const args = (spec.args ?? []).map((a) => `<${a}>`).join(' ');
  const hasOptions = Object.keys(spec.options ?? {}).length > 0;
  return [PROGRAM, spec.name, args, hasOptions ? '[options]' : ''].filter(Boolean).join(' ');
}

export function commandHelp(spec: CommandSpec): string {
  const rows = Object.entries(spec.options ?? {}).map(([name, option]) => {
    const flag = `${option.short ? `-${option.short}, ` : ''}--${name}${option.value ? ` ${option.value}` : ''}`;
    return [flag, option.description] as const;
  });
  rows.push(['-h, --help', 'show this help']);
  const width = Math.max(...rows.map(([flag]) => flag.length));
  const lines = [`Usage: ${usageLine(spec)}`, '', spec.summary, ''];
  lines.push('Options:', ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`));
  if (spec.details) lines.push('', spec.details.trimEnd());
  return `${lines.join('\n')}\n`;
}

function commandList(specs: readonly CommandSpec[]): string {
  const width = Math.max(...specs.map((s) => usageLine(s).length - PROGRAM.length - 1));
  return specs.map((s) => `  ${usageLine(s).slice(PROGRAM.length + 1).padEnd(width)}  ${s.summary}`).join('\n');
}

export function groupHelp(group: string, specs: readonly CommandSpec[]): string {
  return `Usage: ${PROGRAM} ${group} <command> [options]\n\nCommands:\n${commandList(specs)}\n\nRun "${PROGRAM} ${group} <command> --help" for the options of a command.\n`;
}

export function overviewHelp(specs: readonly CommandSpec[]): string {
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Administers the FTP panel from the shell: FTP accounts, panel admins, API tokens, the database.',
    'Reads the same environment as the server (DATA_DIR, DATABASE_URL, HOMES_DIR, ...).',
    '',
    'Commands:',
    commandList(specs),
    '',
    `Run "${PROGRAM} <command> --help" for the options of a command.`,
    'Exit codes: 0 success, 1 refused or failed (nothing changed), 2 bad command line.',
    '',
  ].join('\n');
}
