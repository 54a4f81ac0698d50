import { formatBytes } from '@/lib/format.ts';

type Bucket = { at: string; uploadBytes: number; downloadBytes: number; count: number };

const HEIGHT = 160;
const LABEL_SPACE = 18;

/** Stacked upload/download bars per bucket, drawn by hand so the page needs no chart library. */
export function TransferChart({ buckets }: { buckets: Bucket[] }) {
  const isEmpty = buckets.every((b) => b.uploadBytes + b.downloadBytes === 0);
  if (buckets.length === 0 || isEmpty) return <p className="py-10 text-center text-sm text-slate-500">No transfers in the last 24 hours. Bars appear here as files move.</p>;
  const max = Math.max(1, ...buckets.map((b) => b.uploadBytes + b.downloadBytes));
  const total = buckets.reduce((s, b) => ({ up: s.up + b.uploadBytes, down: s.down + b.downloadBytes, n: s.n + b.count }), { up: 0, down: 0, n: 0 });
  const slot = 100 / buckets.length;
  const barWidth = slot * 0.7;
  const scale = (bytes: number) => (bytes / max) * (HEIGHT - 4);
  const hour = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

  return (
    <figure>
      <figcaption className="mb-3 flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-600">
        <span>
          <span className="mr-1.5 inline-block h-2.5 w-2.5 rounded-sm bg-indigo-500 align-middle" aria-hidden="true" />
          Uploaded {formatBytes(total.up)}
        </span>
        <span>
          <span className="mr-1.5 inline-block h-2.5 w-2.5 rounded-sm bg-sky-400 align-middle" aria-hidden="true" />
          Downloaded {formatBytes(total.down)}
        </span>
        <span>{total.n.toLocaleString('en-GB')} transfers</span>
        <span className="text-slate-400">Peak bucket {formatBytes(max)}</span>
      </figcaption>
      <svg viewBox={`0 0 100 ${HEIGHT + LABEL_SPACE}`} preserveAspectRatio="none" className="h-48 w-full" role="img" aria-label={`Bytes transferred per period over the last 24 hours; total ${formatBytes(total.up + total.down)}`}>
        <line x1="0" x2="100" y1={HEIGHT} y2={HEIGHT} className="stroke-slate-200" strokeWidth="0.3" vectorEffect="non-scaling-stroke" />
        {buckets.map((b, i) => {
          const x = i * slot + (slot - barWidth) / 2;
          const up = scale(b.uploadBytes);
          const down = scale(b.downloadBytes);
          return (
            <g key={b.at}>
              <title>{`${hour(b.at)}: ${formatBytes(b.uploadBytes)} up, ${formatBytes(b.downloadBytes)} down, ${b.count} transfers`}</title>
              <rect x={x} width={barWidth} y={HEIGHT - up} height={up} className="fill-indigo-500" />
              <rect x={x} width={barWidth} y={HEIGHT - up - down} height={down} className="fill-sky-400" />
            </g>
          );
        })}
      </svg>
      <div className="flex justify-between text-xs text-slate-500">
        <span>{hour(buckets[0]!.at)}</span>
        <span>{hour(buckets[Math.floor(buckets.length / 2)]!.at)}</span>
        <span>now</span>
      </div>
    </figure>
  );
}
