import { formatBytes, percent } from '@/lib/format.ts';

function meterTone(pct: number): string {
  if (pct >= 95) return 'bg-red-500';
  if (pct >= 80) return 'bg-amber-500';
  return 'bg-emerald-500';
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
          <div className={`h-full rounded-full ${meterTone(pct)}`} style={{ width: `${Math.max(pct, 1)}%` }} />
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
        <div className="h-full rounded-full bg-indigo-500 transition-[width] duration-500" style={{ width: `${pct}%` }} />
      </div>
    );
  }
  return (
    <div className="h-2 overflow-hidden rounded-full bg-slate-200" role="progressbar" aria-label={label}>
      <div className="progress-indeterminate h-full w-1/3 rounded-full bg-indigo-400" />
    </div>
  );
}
