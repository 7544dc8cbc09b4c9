// One spelling per story URL: tracking parameters stripped, host lower-cased, default port, fragment and
// empty query dropped, remaining parameters sorted. Used to recognise one article reached by several links.

/** Query parameters that identify a campaign or a click, never the page. */
const trackingExact = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'wickedid',
  'rb_clickid',
  's_cid',
  'cmpid',
  'ncid',
  'sr_share',
  'spm',
  'ref_src',
  'ref_url',
  'cmp',
  'ito',
]);
const trackingPrefixes = ['utm_', 'pk_', 'mtm_', 'hsa_', 'at_', 'stm_', 'itm_'];

export function isTrackingParameter(name: string): boolean {
  const n = name.toLowerCase();
  return trackingExact.has(n) || trackingPrefixes.some((p) => n.startsWith(p));
}

/** The canonical form of an http(s) URL; null when the input is not an absolute http(s) URL. */
export function canonicalUrl(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  url.hostname = url.hostname.toLowerCase().replace(/\.$/, '');
  // URL already drops :80 for http and :443 for https.
  const kept = [...url.searchParams.entries()].filter(([k]) => !isTrackingParameter(k));
  kept.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  url.search = '';
  for (const [k, v] of kept) url.searchParams.append(k, v);
  let out = url.toString();
  if (url.search === '' && out.endsWith('?')) out = out.slice(0, -1);
  return out;
}
