import type { ReactNode } from 'react';
import { Card, PageHeader } from '@/components/ui/Card.tsx';
import { Alert } from '@/components/ui/Alert.tsx';

/**
 * A settings page that creates and lists one kind of record (administrators, API tokens, webhooks):
 * the form in a narrow card, the list (or the API's error) in a wide one.
 */
export function ManagePage({
  title,
  description,
  formTitle,
  form,
  listTitle,
  error,
  children,
}: {
  title: string;
  description: ReactNode;
  formTitle: string;
  form: ReactNode;
  listTitle: string;
  error?: string | null;
  children: ReactNode;
}) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <div className="grid gap-6 lg:grid-cols-5">
        <Card title={formTitle} className="lg:col-span-2">
          {form}
        </Card>
        <Card title={listTitle} className="lg:col-span-3">
          {error ? <Alert>{error}</Alert> : children}
        </Card>
      </div>
    </>
  );
}
