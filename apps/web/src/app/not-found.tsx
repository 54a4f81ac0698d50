import { AuthCard } from '@/components/auth/AuthCard.tsx';

export default function NotFound() {
  return (
    <AuthCard title="Page not found" subtitle="The address may be mistyped, or the item was removed.">
      <a className="btn btn-primary" href="/">
        Go to the start page
      </a>
    </AuthCard>
  );
}
