// Human output: aligned tables and units (MiB, KiB/s, "unlimited" for 0). JSON output uses the
// API's shapes instead, so scripts can switch between the CLI and the REST API.

export const MIB = 1024 * 1024;

/** Bytes as MiB with at most two decimals ("1.5 MiB", "0 MiB"). */
export function formatMiB(bytes: number): string {
  const mib = bytes / MIB;
  const text = Number.isInteger(mib) ? String(mib) : mib.toFixed(2).replace(/\.?0+$/, '');
  return `${text === '0' && bytes > 0 ? '<0.01' : text} MiB`;
}

export function formatLimit(value: number, format: (n: number) => string = String): string {
  return value === 0 ? 'unlimited' : format(value);
}

export function formatRate(kibps: number): string {
  return formatLimit(kibps, (n) => `${n} KiB/s`);
}

/** "2025-01-31 14:05 UTC"; null → fallback. */
export function formatDate(date: Date | null | undefined, fallback = 'never'): string {
  if (!date) return fallback;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatList(items: readonly string[], empty: string): string {
  return items.length === 0 ? empty : items.join(', ');
}

/** Columns separated by two spaces, padded to the widest cell; the last column is not padded. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

/** "Label   value" lines with the labels aligned. */
export function formatFields(pairs: readonly (readonly [string, string])[]): string {
  const width = Math.max(...pairs.map(([label]) => label.length));
  return pairs.map(([label, value]) => `${label.padEnd(width)}  ${value}`.trimEnd()).join('\n') + '\n';
}

export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
