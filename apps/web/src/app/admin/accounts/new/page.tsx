import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/Card.tsx';
import { AccountForm } from '@/components/accounts/AccountForm.tsx';

export const metadata: Metadata = { title: 'New account' };

export default function NewAccountPage() {
  return (
    <>
      <PageHeader title="New account" description="An FTP user with its own home folder. Every limit can be changed later and applies live." />
      <AccountForm />
    </>
  );
}
