// audit verify: checks the audit trail's hash chain and names the first broken link.
import { verifyAuditChain } from '@ftp-panel/core';
import { JSON_OPTION } from './common.ts';
import { formatJson } from '../output.ts';
import { booleanOption } from '../registry.ts';
import type { CommandSpec } from '../registry.ts';

const verify: CommandSpec = {
  name: 'audit verify',
  summary: 'check that no audit entry was changed or removed (hash chain); exit code 1 at the first broken link',
  options: { json: JSON_OPTION },
  details:
    'Entries written before the chain existed (no hash) are counted as legacy and not checked.\n' +
    'Removing the newest entries cannot be seen from the chain alone: keep the printed head hash\n' +
    'elsewhere and compare it later.',
  async run(ctx, parsed) {
    const report = await verifyAuditChain({ db: ctx.db.prisma });
    if (booleanOption(parsed, 'json')) {
      ctx.stdout(formatJson(report));
      return report.isOk ? 0 : 1;
    }
    const legacy = report.legacy > 0 ? `, ${report.legacy} older entries without a hash not checked` : '';
    if (report.firstBreak) {
      const b = report.firstBreak;
      ctx.stdout(`BROKEN at entry ${b.entryId} (${b.createdAt.toISOString()}, ${b.action}): ${b.problem}\n${b.message}\n`);
      ctx.stdout(`${report.checked} entries before it verified${legacy}.\n`);
      return 1;
    }
    ctx.stdout(`OK: ${report.checked} entries verified${legacy}.\n`);
    if (report.headHash) ctx.stdout(`Head hash: ${report.headHash}\n`);
    return 0;
  },
};

export const AUDIT_COMMANDS: CommandSpec[] = [verify];
