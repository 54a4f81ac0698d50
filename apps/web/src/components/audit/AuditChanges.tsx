import { auditChangeLines } from '@/lib/audit-changes.ts';

/** What an audit entry changed, one field a line: "quotaBytes: 1.00 GiB → 2.00 GiB". */
export function AuditChanges({ before, after }: { before: unknown; after: unknown }) {
  const lines = auditChangeLines(before, after);
  if (lines.length === 0) return null;
  return (
    <ul className="space-y-0.5 text-xs" data-audit-changes>
      {lines.map((line) => (
        <li key={line.field} className="max-w-md break-words">
          {line.field && <span className="font-mono text-slate-700">{line.field}: </span>}
          {line.before !== undefined && line.after !== undefined ? (
            <>
              <span className="text-slate-500">{line.before}</span> → <span>{line.after}</span>
            </>
          ) : line.after !== undefined ? (
            <span>{line.after}</span>
          ) : (
            <span className="text-slate-500 line-through">{line.before}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
