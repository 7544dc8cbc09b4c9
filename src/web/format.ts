// How numbers and times read on the pages: "$300B", "4.5 GW", "3 h ago". Pure.

export function formatUsd(v: number | null): string {
  if (v === null) return '—';
  const abs = Math.abs(v);
  const unit = abs >= 1e12 ? ['T', 1e12] : abs >= 1e9 ? ['B', 1e9] : abs >= 1e6 ? ['M', 1e6] : abs >= 1e3 ? ['K', 1e3] : ['', 1];
  const n = v / (unit[1] as number);
  const digits = n >= 100 || Number.isInteger(n) ? 0 : n >= 10 ? 1 : 2;
  return `$${Number(n.toFixed(digits))}${unit[0]}`;
}

export function formatGw(v: number | null): string {
  if (v === null) return '—';
  return v < 1 ? `${Number((v * 1000).toFixed(0))} MW` : `${Number(v.toFixed(2))} GW`;
}

export function formatDate(d: Date | null): string {
  if (!d) return '—';
  return d.toISOString().slice(0, 10);
}

export function formatDateTime(d: Date | null): string {
  if (!d) return '—';
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatAgo(d: Date | null, now = new Date()): string {
  if (!d) return '—';
  const s = Math.round((now.getTime() - d.getTime()) / 1000);
  if (s < 0) return formatDate(d);
  if (s < 90) return 'just now';
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)} h ago`;
  if (s < 30 * 86400) return `${Math.round(s / 86400)} d ago`;
  return formatDate(d);
}

export function formatConfidence(c: number): string {
  return `${Math.round(c * 100)}%`;
}
