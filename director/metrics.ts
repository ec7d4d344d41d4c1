/**
 * Login metrics no Bareos director has: attempts by mode and result, PAM codes, phase latencies,
 * refusals by reason. Shown by `status director` and in Prometheus text on `--metrics`.
 */
export class LoginMetrics {
  readonly attempts = new Map<string, number>();
  readonly refusals = new Map<string, number>();
  readonly phaseTotalsMs = new Map<string, { count: number; totalMs: number }>();
  refusedConnections = 0;

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
    return `${lines.join('\n')}\n`;
  }
}
