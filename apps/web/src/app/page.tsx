import { redirect } from 'next/navigation';
import { getSession, isSetupNeeded } from '@/lib/api-server.ts';

export const dynamic = 'force-dynamic';

// The front door: setup on first run, then the area that matches who is signed in.
export default async function Home() {
  if (await isSetupNeeded()) redirect('/setup');
  const { user } = await getSession();
  if (user?.kind === 'admin') redirect('/admin');
  if (user?.kind === 'customer') redirect('/portal');
  redirect('/login');
}
