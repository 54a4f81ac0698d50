import type { Metadata } from 'next';
import { apiTryGet, requireAdmin } from '@/lib/api-server.ts';
import { can } from '@/lib/roles.ts';
import { itemsOf } from '@/lib/format.ts';
import type { Webhook } from '@/lib/types.ts';
import { ManagePage } from '@/components/ui/ManagePage.tsx';
import { Alert } from '@/components/ui/Alert.tsx';
import { WebhookList } from '@/components/webhooks/WebhookList.tsx';
import { CreateWebhookForm } from '@/components/webhooks/CreateWebhookForm.tsx';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage() {
  const { user } = await requireAdmin();
  if (!can(user.role, 'webhooks:manage')) return <Alert tone="info" title="Not available to your role">Only owners and admins manage webhooks.</Alert>;
  const { data, error } = await apiTryGet<Webhook[]>('/api/v1/webhooks');
  return (
    <ManagePage
      title="Webhooks"
      description="POSTs signed with HMAC-SHA256 (header carries the signature) to your URL when events happen; failed deliveries are retried."
      formTitle="New webhook"
      form={<CreateWebhookForm />}
      listTitle="Webhooks"
      error={error}
    >
      <WebhookList webhooks={itemsOf(data)} />
    </ManagePage>
  );
}
