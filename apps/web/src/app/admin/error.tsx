'use client';
import { Alert } from '@/components/ui/Alert.tsx';

export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  // Production builds hide server error messages (digest only); API errors thrown in server
  // components arrive here without their text, so say what the person can do.
  const isHidden = Boolean(error.digest);
  return (
    <div className="space-y-4">
      <Alert title="This page could not be loaded">{isHidden ? 'The item may not exist any more, or the server had a problem. Try again, or go back.' : error.message}</Alert>
      <div className="flex gap-2">
        <button type="button" className="btn" onClick={reset}>
          Try again
        </button>
        <a className="btn" href="/admin">
          Back to the overview
        </a>
      </div>
    </div>
  );
}
