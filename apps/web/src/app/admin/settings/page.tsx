import type { Metadata } from 'next';
import { apiTryGet, requireAdmin } from '@/lib/api-server.ts';
import { can } from '@/lib/roles.ts';
import { daysUntil, formatDate } from '@/lib/format.ts';
import type { PassiveDiagnostics, ServerSettings, SmtpStatus, TwoFactorRequirement } from '@/lib/types.ts';
import { Card, PageHeader } from '@/components/ui/Card.tsx';
import { Alert } from '@/components/ui/Alert.tsx';
import { Badge } from '@/components/ui/Badge.tsx';
import { SettingsForm } from '@/components/settings/SettingsForm.tsx';
import { PassiveDiagnosticsPanel } from '@/components/settings/PassiveDiagnosticsPanel.tsx';
import { CertificateForm } from '@/components/settings/CertificateForm.tsx';
import { TwoFactorRequirementSwitch } from '@/components/settings/TwoFactorRequirementSwitch.tsx';
import { BAN_FIELDS, BANNER_FIELDS, LIMIT_FIELDS, PASSIVE_FIELDS, TLS_FIELDS, WEBHOOK_FIELDS } from '@/components/settings/setting-groups.ts';
import type { SettingField } from '@/components/settings/SettingsForm.tsx';

/** Sections that are one settings form in a card, in page order. */
const PLAIN_SECTIONS: { id: string; title: string; fields: SettingField[] }[] = [
  { id: 'limits', title: 'Limits and timeouts', fields: LIMIT_FIELDS },
  { id: 'banner', title: 'Banner', fields: BANNER_FIELDS },
  { id: 'bans', title: 'Ban policy', fields: BAN_FIELDS },
  { id: 'webhooks', title: 'Webhook targets', fields: WEBHOOK_FIELDS },
];

export const metadata: Metadata = { title: 'Settings' };

function CertificateStatus({ cert }: { cert: ServerSettings['certificate'] }) {
  if (!cert) return <Alert tone="warning">No certificate: FTPS is unavailable until one is installed.</Alert>;
  const days = daysUntil(cert.expiresAt);
  return (
    <dl className="grid gap-2 text-sm sm:grid-cols-3" data-testid="certificate-status">
      <div>
        <dt className="text-slate-500">Subject</dt>
        <dd className="font-mono text-xs break-all">{cert.subject}</dd>
      </div>
      <div>
        <dt className="text-slate-500">Issuer</dt>
        <dd className="text-xs break-all">{cert.isSelfSigned ? <Badge tone="amber">Self-signed</Badge> : <span className="font-mono">{cert.issuer ?? '–'}</span>}</dd>
      </div>
      <div>
        <dt className="text-slate-500">Expires</dt>
        <dd className={days < 14 ? 'font-medium text-red-700' : ''}>
          {formatDate(cert.expiresAt)} ({days < 0 ? 'expired' : `${days} days`})
        </dd>
      </div>
      <div className="sm:col-span-3">
        <dt className="text-slate-500">SHA-256 fingerprint</dt>
        <dd className="font-mono text-xs break-all" data-testid="certificate-fingerprint">
          {cert.fingerprint256}
        </dd>
      </div>
    </dl>
  );
}

/** What FTPS really serves (read from the running FTP service), not what is stored. */
function ServedCertificate({ served, stored }: { served: ServerSettings['served']; stored: ServerSettings['certificate'] }) {
  if (!served.isServedHere) {
    return (
      <div className="space-y-3">
        <Alert tone="info">The FTP service runs on another node and serves its certificate there; this panel cannot see which one. The stored certificate is:</Alert>
        <CertificateStatus cert={stored} />
      </div>
    );
  }
  return (
    <div className="space-y-3">
      {served.applyError && <Alert tone="warning">{served.applyError}</Alert>}
      <h3 className="text-sm font-semibold">Served now</h3>
      {served.certificate ? <CertificateStatus cert={served.certificate} /> : <Alert tone="warning">FTPS is off: no certificate is served.</Alert>}
    </div>
  );
}

export default async function SettingsPage() {
  const { user } = await requireAdmin();
  const [settings, diagnostics, smtp, twoFactor] = await Promise.all([
    apiTryGet<ServerSettings>('/api/v1/settings'),
    apiTryGet<PassiveDiagnostics>('/api/v1/settings/passive-diagnostics'),
    apiTryGet<SmtpStatus>('/api/v1/settings/smtp'),
    apiTryGet<TwoFactorRequirement>('/api/v1/settings/two-factor'),
  ]);
  const canEdit = can(user.role, 'settings:write');
  if (!settings.data) return <Alert title="Settings could not be loaded">{settings.error}</Alert>;
  const s = settings.data as unknown as Record<string, string | number | boolean | null>;

  return (
    <>
      <PageHeader title="Settings" description="FTP service settings. Saved changes apply live, without a restart." />
      {!canEdit && (
        <div className="mb-4">
          <Alert tone="info">Only the owner can change settings.</Alert>
        </div>
      )}
      <div className="space-y-6">
        <Card title="Passive mode">
          <SettingsForm id="passive" fields={PASSIVE_FIELDS} initial={s} canEdit={canEdit} />
          <div className="mt-6 border-t border-slate-100 pt-5">
            <h3 className="mb-3 text-sm font-semibold">Diagnostics</h3>
            {diagnostics.data ? <PassiveDiagnosticsPanel diagnostics={diagnostics.data} /> : <Alert>{diagnostics.error}</Alert>}
          </div>
        </Card>
        <Card title="TLS (FTPS)">
          <div className="space-y-6">
            <ServedCertificate served={settings.data.served} stored={settings.data.certificate} />
            <SettingsForm id="tls" fields={TLS_FIELDS} initial={s} canEdit={canEdit} />
            <div className="border-t border-slate-100 pt-5">
              <h3 className="mb-3 text-sm font-semibold">Install a certificate</h3>
              <CertificateForm canEdit={canEdit} />
            </div>
          </div>
        </Card>
        {PLAIN_SECTIONS.map((section) => (
          <Card key={section.id} title={section.title}>
            <SettingsForm id={section.id} fields={section.fields} initial={s} canEdit={canEdit} />
          </Card>
        ))}
        <Card title="Admin sign-in">
          {twoFactor.data ? <TwoFactorRequirementSwitch initial={twoFactor.data.isAdminTwoFactorRequired} canEdit={canEdit} /> : <Alert>{twoFactor.error}</Alert>}
        </Card>
        <Card title="Email (SMTP)">
          {smtp.data ? (
            smtp.data.isConfigured ? (
              <Alert tone="success">Email is set up. Reset links are sent from {smtp.data.from}.</Alert>
            ) : (
              <Alert tone="warning">Email is not set up: set SMTP_URL to send password reset links. Until then, copy reset links from the account page.</Alert>
            )
          ) : (
            <Alert>{smtp.error}</Alert>
          )}
        </Card>
      </div>
    </>
  );
}
