import type { Metadata } from 'next';
import { apiTryGet, requireAdmin } from '@/lib/api-server.ts';
import { can } from '@/lib/roles.ts';
import { itemsOf } from '@/lib/format.ts';
import type { Webhook } from '@/lib/types.ts';
import { Card, PageHeader } from '@/components/ui/Card.tsx';
import { Alert } from '@/components/ui/Alert.tsx';
import { WebhookList } from '@/components/webhooks/WebhookList.tsx';
import { CreateWebhookForm } from '@/components/webhooks/CreateWebhookForm.tsx';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage() {
  const { user } = await requireAdmin();
  if (!can(user.role, 'webhooks:manage')) return <Alert tone="info" title="Not available to your role">Only owners and admins manage webhooks.</Alert>;
  const { data, error } = await apiTryGet<Webhook[]>('/api/v1/webhooks');
  return (
    <>
      <PageHeader title="Webhooks" description="POSTs signed with HMAC-SHA256 (header carries the signature) to your URL when events happen; failed deliveries are retried." />
      <div className="grid gap-6 lg:grid-cols-5">
        <Card title="New webhook" className="lg:col-span-2">
          <CreateWebhookForm />
        </Card>
        <Card title="Webhooks" className="lg:col-span-3">
          {error ? <Alert>{error}</Alert> : <WebhookList webhooks={itemsOf(data)} />}
        </Card>
      </div>
    </>
  );
}
