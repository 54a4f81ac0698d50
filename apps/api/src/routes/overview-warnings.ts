// What needs attention, for the dashboard's first screen. The API decides (the web only renders):
// nearly full accounts, passive ports another program holds, the certificate, the disk, email.
import { accountsNearQuota } from '@ftp-panel/core';
import type { PrismaDb, ServerSettings } from '@ftp-panel/db';
import type { CertificateInfo } from '../services/certificates.ts';
import { checkPortsCached, ephemeralRange, overlapWarning, unbindablePortsWarning } from '../services/diagnostics.ts';

export type OverviewWarning = { code: string; message: string; severity: 'warning' | 'info' };

const DAY_MS = 24 * 60 * 60 * 1000;
const CERT_WARN_DAYS = 30;
const NEAR_QUOTA_PERCENT = 95;
const NAMED_ACCOUNTS = 3;
/** Binding a whole passive range on every dashboard refresh would be wasteful. */
const PORT_CHECK_MAX_AGE_MS = 60_000;

export type WarningInputs = {
  db: PrismaDb;
  settings: ServerSettings;
  certificate: CertificateInfo | null;
  homesDisk: { totalBytes: number; freeBytes: number } | null;
  isMailConfigured: boolean;
  ftpHost: string;
  ephemeralRangeFile: string;
  now: number;
};

async function nearQuotaWarning(db: PrismaDb): Promise<OverviewWarning | null> {
  const { total, usernames } = await accountsNearQuota({ db }, NEAR_QUOTA_PERCENT, NAMED_ACCOUNTS);
  if (total === 0) return null;
  const names = `${usernames.join(', ')}${total > usernames.length ? `, and ${total - usernames.length} more` : ''}`;
  return {
    code: 'ACCOUNTS_NEAR_QUOTA',
    severity: 'warning',
    message: `${total} account${total === 1 ? ' is' : 's are'} above ${NEAR_QUOTA_PERCENT} % of their storage or file quota: ${names}.`,
  };
}

function certificateWarnings(certificate: CertificateInfo | null, now: number): OverviewWarning[] {
  if (!certificate) return [];
  const out: OverviewWarning[] = [];
  const day = certificate.expiresAt.toISOString().slice(0, 10);
  const left = certificate.expiresAt.getTime() - now;
  if (left <= 0) out.push({ code: 'CERT_EXPIRED', severity: 'warning', message: `The FTPS certificate expired on ${day}: clients refuse TLS connections. Upload a new one in Settings.` });
  else if (left < CERT_WARN_DAYS * DAY_MS) out.push({ code: 'CERT_EXPIRING', severity: 'warning', message: `The FTPS certificate expires on ${day} (in ${Math.ceil(left / DAY_MS)} days). Renew it in Settings.` });
  if (certificate.isSelfSigned) out.push({ code: 'CERT_SELF_SIGNED', severity: 'warning', message: 'FTPS uses a self-signed certificate: clients will warn until you upload a real one.' });
  return out;
}

async function passiveWarnings(input: WarningInputs): Promise<OverviewWarning[]> {
  const range = { min: input.settings.pasvPortMin, max: input.settings.pasvPortMax };
  if (range.min <= 0) return [];
  const [ports, ephemeral] = await Promise.all([checkPortsCached(range, input.ftpHost, PORT_CHECK_MAX_AGE_MS), ephemeralRange(input.ephemeralRangeFile)]);
  const found = [unbindablePortsWarning(ports), overlapWarning(range, ephemeral)];
  return found.filter((w) => w !== null).map((w) => ({ code: w.code, message: w.message, severity: 'warning' as const }));
}

export async function overviewWarnings(input: WarningInputs): Promise<OverviewWarning[]> {
  const [nearQuota, passive] = await Promise.all([nearQuotaWarning(input.db), passiveWarnings(input)]);
  const warnings: OverviewWarning[] = [...(nearQuota ? [nearQuota] : []), ...passive, ...certificateWarnings(input.certificate, input.now)];
  const disk = input.homesDisk;
  if (disk && disk.totalBytes > 0 && disk.freeBytes / disk.totalBytes < 0.05) {
    warnings.push({ code: 'DISK_LOW', severity: 'warning', message: 'Less than 5 % of the homes disk is free.' });
  }
  if (!input.isMailConfigured) {
    warnings.push({ code: 'SMTP_NOT_CONFIGURED', severity: 'info', message: 'Email is not configured (SMTP_URL): customers cannot reset forgotten passwords themselves.' });
  }
  return warnings;
}
