import type { PassiveDiagnostics } from '@/lib/types.ts';
import { Alert } from '@/components/ui/Alert.tsx';
import { CopyBlock } from '@/components/ui/CopyButton.tsx';

const FIREWALLS = [
  ['ufw', 'ufw (Ubuntu, Debian)'],
  ['firewalld', 'firewalld (RHEL, Fedora)'],
  ['iptables', 'iptables'],
  ['nftables', 'nftables'],
] as const;

export function PassiveDiagnosticsPanel({ diagnostics }: { diagnostics: PassiveDiagnostics }) {
  const { ports, selfTest } = diagnostics;
  return (
    <div className="space-y-4" data-testid="passive-diagnostics">
      <dl className="grid gap-2 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-500">Bound address</dt>
          <dd className="font-mono">{diagnostics.boundAddress ?? '–'}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Advertised to clients</dt>
          <dd className="font-mono">{diagnostics.advertisedAddress ?? 'the address the client connected to'}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Ports that can be opened</dt>
          <dd>
            {ports.bindable} of {ports.total}
          </dd>
        </div>
      </dl>
      {ports.unbindable.length > 0 && (
        <Alert tone="warning" title="Some passive ports are in use by another program">
          {ports.unbindable.slice(0, 20).join(', ')}
          {ports.unbindable.length > 20 ? ` and ${ports.unbindable.length - 20} more` : ''}
        </Alert>
      )}
      {selfTest && <Alert tone={selfTest.isOk ? 'success' : 'error'} title={selfTest.isOk ? 'Self-test passed' : 'Self-test failed'}>{selfTest.message}</Alert>}
      {diagnostics.warnings.map((w, i) => (
        <Alert key={i} tone="warning">
          {w.message}
        </Alert>
      ))}
      <div>
        <h3 className="mb-2 text-sm font-semibold">Firewall rules</h3>
        <p className="mb-3 text-sm text-slate-600">Open the control port and the whole passive range. Copy the rules for your firewall:</p>
        <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
          {FIREWALLS.map(([key, label]) => (diagnostics.firewall[key] ? <CopyBlock key={key} label={label} text={diagnostics.firewall[key]} /> : null))}
        </div>
      </div>
    </div>
  );
}
