import type { Metadata } from 'next';
import Link from 'next/link';
import { apiTryGet } from '@/lib/api-server.ts';
import { formatDateTime, itemsOf } from '@/lib/format.ts';
import type { WebhookDeliveryPage } from '@/lib/types.ts';
import { describeWebhookError } from '@/lib/webhook-errors.ts';
import { EmptyState, PageHeader } from '@/components/ui/Card.tsx';
import { Alert } from '@/components/ui/Alert.tsx';
import { StatusBadge } from '@/components/ui/Badge.tsx';
import { DataTable } from '@/components/ui/DataTable.tsx';

export const metadata: Metadata = { title: 'Webhook deliveries' };

export default async function WebhookDeliveriesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { data, error } = await apiTryGet<WebhookDeliveryPage>(`/api/v1/webhooks/${encodeURIComponent(id)}/deliveries`);
  const deliveries = itemsOf(data);
  return (
    <>
      <PageHeader
        title="Deliveries"
        description="The latest attempts to deliver events to this webhook."
        actions={
          <Link className="btn" href="/admin/webhooks">
            Back to webhooks
          </Link>
        }
      />
      {error ? (
        <Alert>{error}</Alert>
      ) : deliveries.length === 0 ? (
        <EmptyState title="Nothing delivered yet" />
      ) : (
        <DataTable columns={['Created', 'Event', 'Status', 'Attempts', 'Last response']}>
          {deliveries.map((d) => (
            <tr key={d.id}>
              <td className="text-xs whitespace-nowrap">{formatDateTime(d.createdAt)}</td>
              <td className="font-mono text-xs">{d.event}</td>
              <td>
                <StatusBadge status={d.status} />
              </td>
              <td className="tabular-nums">{d.attempts}</td>
              <td className="text-xs text-slate-600" title={d.lastError ?? undefined}>
                {d.lastError ? describeWebhookError(d.lastError) : d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : ''}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
