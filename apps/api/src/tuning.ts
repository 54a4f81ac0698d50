// Defaults for the knobs in AppContext.tuning (tests shorten them; production keeps these).
import type { ApiTuning } from './context.ts';

export const DEFAULT_TUNING: ApiTuning = {
  signInPerMinute: 10,
  sessionIdleMs: 2 * 60 * 60 * 1000,
  sessionAbsoluteMs: 12 * 60 * 60 * 1000,
  sseHeartbeatMs: 15_000,
  // 6 attempts in all: the first at once, then these waits.
  webhookRetryDelaysMs: [5_000, 30_000, 120_000, 600_000, 3_600_000],
  webhookTimeoutMs: 10_000,
  webhookPollMs: 2_000,
  ephemeralRangeFile: '/proc/sys/net/ipv4/ip_local_port_range',
};

export function resolveTuning(overrides: Partial<ApiTuning> = {}): ApiTuning {
  return { ...DEFAULT_TUNING, ...overrides };
}
