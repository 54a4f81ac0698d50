import type { Metadata } from 'next';
import { apiTryGet, requireAdmin } from '@/lib/api-server.ts';
import { can } from '@/lib/roles.ts';
import { itemsOf } from '@/lib/format.ts';
import type { ApiToken } from '@/lib/types.ts';
import { ManagePage } from '@/components/ui/ManagePage.tsx';
import { Alert } from '@/components/ui/Alert.tsx';
import { TokenList } from '@/components/tokens/TokenList.tsx';
import { CreateTokenForm } from '@/components/tokens/CreateTokenForm.tsx';

export const metadata: Metadata = { title: 'API tokens' };

export default async function TokensPage() {
  const { user } = await requireAdmin();
  if (!can(user.role, 'tokens:manage')) return <Alert tone="info" title="Not available to your role">Only owners and admins manage API tokens.</Alert>;
  const { data, error } = await apiTryGet<ApiToken[]>('/api/v1/tokens');
  return (
    <ManagePage
      title="API tokens"
      description="For provisioning systems: send it as Authorization: Bearer <token>. Tokens only carry the scopes you give them."
      formTitle="New token"
      form={<CreateTokenForm />}
      listTitle="Tokens"
      error={error}
    >
      <TokenList tokens={itemsOf(data)} />
    </ManagePage>
  );
}
