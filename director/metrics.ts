/**
 * Login metrics no Bareos director has: attempts by mode and result, PAM codes, phase latencies,
 * refusals by reason. Shown by `status director` and in Prometheus text on `--metrics`.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

const LOOP_RESOLUTION_MS = 10;

export interface LoopDelay {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** A copy of the counters for `status director` (plain and api 2). */
export interface LoginMetricsSnapshot {
  readonly attempts: ReadonlyArray<{ mode: string; result: string; count: number }>;
  readonly refusals: ReadonlyArray<{ code: string; count: number }>;
  readonly phases: ReadonlyArray<{ phase: string; count: number; avgMs: number }>;
  readonly refusedConnections: number;
}

export class LoginMetrics {
  readonly attempts = new Map<string, number>();
  readonly refusals = new Map<string, number>();
  readonly phaseTotalsMs = new Map<string, { count: number; totalMs: number }>();
  refusedConnections = 0;
  /** Started by the first scrape only, so directors without --metrics pay nothing for it. */
  private loopHistogram: IntervalHistogram | undefined;

  recordAttempt(mode: string, result: 'ok' | 'refused'): void {
    const key = `${mode}/${result}`;
    this.attempts.set(key, (this.attempts.get(key) ?? 0) + 1);
  }

  recordRefusal(code: string): void {
    this.refusals.set(code, (this.refusals.get(code) ?? 0) + 1);
  }

  recordPhases(phases: Readonly<Record<string, number>>): void {
    for (const [phase, ms] of Object.entries(phases)) {
      const entry = this.phaseTotalsMs.get(phase) ?? { count: 0, totalMs: 0 };
      entry.count++;
      entry.totalMs += ms;
      this.phaseTotalsMs.set(phase, entry);
    }
  }

  snapshot(): LoginMetricsSnapshot {
    return {
      attempts: [...this.attempts].map(([key, count]) => {
        const [mode = '', result = ''] = key.split('/');
        return { mode, result, count };
      }),
      refusals: [...this.refusals].map(([code, count]) => ({ code, count })),
      phases: [...this.phaseTotalsMs].map(([phase, e]) => ({ phase, count: e.count, avgMs: Math.round((e.totalMs / e.count) * 1000) / 1000 })),
      refusedConnections: this.refusedConnections,
    };
  }

  /**
   * Event-loop delay since the previous call (then reset): one slow login step, e.g. a synchronous
   * PAM call, shows here as the delay every other console felt. Undefined on the first call, which
   * starts the monitor.
   */
  takeLoopDelay(): LoopDelay | undefined {
    const h = this.loopHistogram;
    if (!h) {
      this.loopHistogram = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
      this.loopHistogram.enable();
      return undefined;
    }
    // Samples are nanoseconds between timer ticks: the interval itself is not delay.
    const ms = (ns: number): number => Math.max(0, Math.round(ns / 1000 - LOOP_RESOLUTION_MS * 1000) / 1000);
    const delay = h.count === 0 ? { p50Ms: 0, p99Ms: 0, maxMs: 0 } : { p50Ms: ms(h.percentile(50)), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max) };
    h.reset();
    return delay;
  }

  /** Prometheus text exposition format. */
  toPrometheus(gauges: { activeConsoles: number; pendingConnections: number }): string {
    const lines: string[] = [];
    lines.push('# HELP tsbareos_login_attempts_total Console login attempts by mode and result.');
    lines.push('# TYPE tsbareos_login_attempts_total counter');
    for (const [key, n] of this.attempts) {
      const [mode, result] = key.split('/');
      lines.push(`tsbareos_login_attempts_total{mode="${mode}",result="${result}"} ${n}`);
    }
    lines.push('# HELP tsbareos_login_refusals_total Refused logins by reason code.');
    lines.push('# TYPE tsbareos_login_refusals_total counter');
    for (const [code, n] of this.refusals) lines.push(`tsbareos_login_refusals_total{code="${code}"} ${n}`);
    lines.push('# HELP tsbareos_login_phase_seconds_sum Time spent per login phase.');
    lines.push('# TYPE tsbareos_login_phase_seconds summary');
    for (const [phase, e] of this.phaseTotalsMs) {
      lines.push(`tsbareos_login_phase_seconds_sum{phase="${phase}"} ${(e.totalMs / 1000).toFixed(6)}`);
      lines.push(`tsbareos_login_phase_seconds_count{phase="${phase}"} ${e.count}`);
    }
    lines.push('# TYPE tsbareos_active_consoles gauge');
    lines.push(`tsbareos_active_consoles ${gauges.activeConsoles}`);
    lines.push('# TYPE tsbareos_pending_connections gauge');
    lines.push(`tsbareos_pending_connections ${gauges.pendingConnections}`);
    lines.push('# TYPE tsbareos_refused_connections_total counter');
    lines.push(`tsbareos_refused_connections_total ${this.refusedConnections}`);
    lines.push(...loopDelayLines(this.takeLoopDelay()));
    return `${lines.join('\n')}\n`;
  }
}

/** Quantiles over the interval since the previous scrape (the first scrape starts the monitor). */
function loopDelayLines(delay: LoopDelay | undefined): string[] {
  if (!delay) return [];
  return [
    '# HELP tsbareos_event_loop_delay_seconds Event-loop delay since the previous scrape.',
    '# TYPE tsbareos_event_loop_delay_seconds gauge',
    `tsbareos_event_loop_delay_seconds{quantile="0.5"} ${(delay.p50Ms / 1000).toFixed(6)}`,
    `tsbareos_event_loop_delay_seconds{quantile="0.99"} ${(delay.p99Ms / 1000).toFixed(6)}`,
    `tsbareos_event_loop_delay_seconds{quantile="1"} ${(delay.maxMs / 1000).toFixed(6)}`,
  ];
}
