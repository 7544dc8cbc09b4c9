// The contract of main-text extraction (read by `lanewatch article --json` and the text scorers).
export interface ExtractedArticle {
  title: string | null;
  /** ISO 8601, from JSON-LD, then meta tags, then <time>; null when the page gives none. */
  published: string | null;
  canonical_url: string | null;
  language: string | null;
  /** The site's own name (og:site_name, the JSON-LD publisher): a company's newsroom speaks as "we". */
  site_name: string | null;
  /** The organisation the page credits as its author (a company's release), when it is not the site itself: its "we". */
  author_organisation: string | null;
  /** The main text: paragraphs separated by blank lines, headline not repeated. */
  text: string;
}
