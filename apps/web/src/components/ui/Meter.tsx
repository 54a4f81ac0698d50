import { formatBytes, percent } from '@/lib/format.ts';

function meterTone(pct: number): string {
  if (pct >= 95) return 'fill-red-500';
  if (pct >= 80) return 'fill-amber-500';
  return 'fill-emerald-500';
}

/**
 * The filled part of a bar as an SVG rect: its width is an attribute, not an inline style, so the
 * server-rendered HTML needs no style-src 'unsafe-inline' in the Content-Security-Policy.
 */
function BarFill({ pct, className }: { pct: number; className: string }) {
  return (
    <svg className="block h-full w-full" aria-hidden="true">
      <rect className={className} width={`${pct}%`} height="100%" rx="4" />
    </svg>
  );
}

/** Used vs allowed; 0 allowed means unlimited (no bar, just the usage). */
export function QuotaBar({ used, quota, unit = 'bytes', compact = false }: { used: number; quota: number; unit?: 'bytes' | 'files'; compact?: boolean }) {
  const pct = percent(used, quota);
  const show = (n: number) => (unit === 'bytes' ? formatBytes(n) : `${n.toLocaleString('en-GB')} files`);
  const label = quota > 0 ? `${show(used)} of ${show(quota)}` : `${show(used)} (unlimited)`;
  return (
    <div className={compact ? 'min-w-28' : ''}>
      <div className="flex justify-between gap-2 text-xs text-slate-600">
        <span>{label}</span>
        {pct !== null && <span className="font-medium">{pct}%</span>}
      </div>
      {pct !== null && (
        <div
          className="mt-1 h-2 overflow-hidden rounded-full bg-slate-200"
          role="meter"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          aria-label={`${unit === 'bytes' ? 'Storage' : 'Files'} used`}
        >
          <BarFill pct={Math.max(pct, 1)} className={meterTone(pct)} />
        </div>
      )}
    </div>
  );
}

/** Transfer progress: a bar when the size is known, an animated stripe otherwise. */
export function ProgressBar({ value, total, label }: { value: number; total: number | null | undefined; label: string }) {
  if (total && total > 0) {
    const pct = Math.min(100, (value / total) * 100);
    return (
      <div className="h-2 overflow-hidden rounded-full bg-slate-200" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)}>
        <BarFill pct={pct} className="fill-indigo-500 transition-[width] duration-500" />
      </div>
    );
  }
  return (
    <div className="h-2 overflow-hidden rounded-full bg-slate-200" role="progressbar" aria-label={label}>
      <div className="progress-indeterminate h-full w-1/3 rounded-full bg-indigo-400" />
    </div>
  );
}
