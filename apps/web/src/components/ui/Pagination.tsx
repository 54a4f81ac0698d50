import Link from 'next/link';

/** Previous/next links that keep the other query parameters. */
export function Pagination({ basePath, params, page, pageSize, total }: { basePath: string; params: Record<string, string | undefined>; page: number; pageSize: number; total: number }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  // One page (or none): nothing to navigate, and a "0 of 0" line would contradict live-added rows.
  if (pages === 1 && page === 1) return null;
  const href = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    q.set('page', String(p));
    return `${basePath}?${q.toString()}`;
  };
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600" aria-label="Pagination">
      <span>
        {first}–{last} of {total}
      </span>
      <span className="flex gap-2">
        {page > 1 ? (
          <Link className="btn btn-sm" href={href(page - 1)}>
            Previous
          </Link>
        ) : (
          <span className="btn btn-sm opacity-50" aria-disabled="true">Previous</span>
        )}
        <span className="px-2 py-1">
          Page {page} of {pages}
        </span>
        {page < pages ? (
          <Link className="btn btn-sm" href={href(page + 1)}>
            Next
          </Link>
        ) : (
          <span className="btn btn-sm opacity-50" aria-disabled="true">Next</span>
        )}
      </span>
    </nav>
  );
}
