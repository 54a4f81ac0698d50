import type { MeInfo } from '@/lib/types.ts';
import { CopyBlock } from '@/components/ui/CopyButton.tsx';

type Connection = MeInfo['connection'];

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Settings people paste into their client; the password is never included. */
export function ConnectionDetails({ username, connection, requireTls }: { username: string; connection: Connection; requireTls: boolean }) {
  const { host, port, ftpsPort, tlsMode, passiveRange } = connection;
  const hasTls = tlsMode !== 'DISABLED';
  const isTlsMandatory = requireTls || tlsMode === 'REQUIRED';
  const user = shellQuote(username);
  const filezilla = [
    `Host:        ${host}`,
    `Port:        ${port}`,
    `Protocol:    FTP - File Transfer Protocol`,
    `Encryption:  ${hasTls ? 'Require explicit FTP over TLS' : 'Only use plain FTP (insecure)'}`,
    `Logon Type:  Ask for password`,
    `User:        ${username}`,
    `Transfer mode: Passive`,
  ].join('\n');
  const lftp = hasTls
    ? `lftp -u ${user} -e "set ftp:ssl-force true; set ftp:ssl-protect-data true; set ftp:passive-mode true" -p ${port} ${host}`
    : `lftp -u ${user} -e "set ftp:passive-mode true" -p ${port} ${host}`;
  const curl = hasTls ? `curl --ssl-reqd --user ${user} -T file.zip ftp://${host}:${port}/` : `curl --user ${user} -T file.zip ftp://${host}:${port}/`;

  return (
    <div className="space-y-4">
      <dl className="grid gap-3 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-500">Host</dt>
          <dd className="font-mono break-all">{host}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Port</dt>
          <dd className="font-mono">
            {port}
            {ftpsPort ? ` (implicit FTPS ${ftpsPort})` : ''}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Encryption</dt>
          <dd>{!hasTls ? 'Not available' : isTlsMandatory ? 'Required (explicit TLS)' : 'Explicit TLS (recommended)'}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Passive ports</dt>
          <dd className="font-mono">
            {passiveRange.min}–{passiveRange.max}
          </dd>
        </div>
      </dl>
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-3">
        <CopyBlock label="FileZilla (Site Manager)" text={filezilla} />
        <CopyBlock label="lftp" text={lftp} />
        <CopyBlock label="curl (upload a file)" text={curl} />
      </div>
      {hasTls && <p className="text-xs text-slate-500">The server may use a self-signed certificate: your client asks you to trust it on the first connection.</p>}
    </div>
  );
}
