// Class/id/tag patterns that tell content from boilerplate. The base lists are Mozilla Readability's
// (Apache-2.0, ideas not code); the additions name boilerplate common on news sites (cookie and
// consent banners, newsletter boxes, paywall prompts, recommendation widgets).

/** Removed before scoring, unless OK_MAYBE also matches. */
export const UNLIKELY =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|cookie|consent|newsletter|subscribe|signup|sign-up|outbrain|taboola|recommend|trending|most-popular|most-read|read-more|more-stories|share-bar|sharing/i;
export const OK_MAYBE = /and|article|body|column|content|main|mathjax|shadow/i;

/** Boilerplate that stays boilerplate even inside "article-..." or "content-..." classes. */
export const STRONG_BOILERPLATE =
  /(^|[\s_-])(cookie|consent|newsletter|subscribe|subscription|signup|outbrain|taboola|related|recommended|recommendations|comments?|disqus|share|sharing|social|share-?bar|sharedaddy|most-?(popular|read)|trending|more-?stories|read-?more|also-?read|promo)([\s_-]|$)/i;

export const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|cookie|consent|newsletter|subscribe|recommend/i;
export const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/i;

export const UNLIKELY_ROLES = new Set(['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog']);

export const BYLINE = /byline|author|dateline|writtenby|p-author/i;
export const SHARE = /(\b|_)(share|sharedaddy)(\b|_)/i;
export const AD_WORDS = /^(ad(vertising|vertisement)?|pub(licité)?|werb(ung)?|广告|Реклама|Anuncio)$/iu;
export const LOADING_WORDS = /^((loading|正在加载|Загрузка|chargement|cargando)(…|\.\.\.)?)$/iu;
export const COMMAS = /[\u002C\u060C\uFE50\uFE10\uFE11\u2E41\u2E34\u2E32\uFF0C]/g;

/** Never content: removed from the whole page first. */
export const JUNK_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'link', 'meta', 'iframe', 'object', 'embed', 'canvas',
  'video', 'audio', 'source', 'track', 'map', 'input', 'textarea', 'select', 'button', 'dialog', 'head', 'title',
]);

/** Elements that make a <div> more than a paragraph. */
export const DIV_TO_P = new Set(['blockquote', 'dl', 'div', 'img', 'ol', 'p', 'pre', 'table', 'ul']);

export const PHRASING = new Set([
  'abbr', 'audio', 'b', 'bdo', 'br', 'button', 'cite', 'code', 'data', 'datalist', 'dfn', 'em', 'embed', 'i', 'img',
  'input', 'kbd', 'label', 'mark', 'math', 'meter', 'noscript', 'object', 'output', 'progress', 'q', 'ruby', 'samp',
  'script', 'select', 'small', 'span', 'strong', 'sub', 'sup', 'textarea', 'time', 'var', 'wbr', 'font', 'u', 's',
  'strike', 'big', 'tt',
]);

/** Block-level elements: each starts a new paragraph in the text output. */
export const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'html', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot',
  'th', 'thead', 'tr', 'ul',
]);

export const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Picture captions and credits: not the article's prose. */
export const CAPTION = /caption|photo-?credit|image-?credit|(^|[\s_-])(credits?|figcaption)([\s_-]|$)/i;
export const CAPTION_TAGS = new Set(['figure', 'figcaption', 'picture']);

/** Bylines, datelines, tag lists, print/share tools: short lines around the article. */
export const ARTICLE_META =
  /(^|[\s_-])(byline|bylines|dateline|timestamp|date|dates|time|published|updated|author|authors|author-?info|meta|post-?meta|entry-?meta|article-?meta|tags?|tag-?list|tags-?list|keywords|categories|category|breadcrumbs?|print|reprints?|toolbar|tools|text-?size|font-?size)([\s_-]|$)/i;

/** Author biographies and boxes under the story. */
export const AUTHOR_BIO =
  /(^|[\s_-])(author-?(bio|box|info|details|excerpt|card|profile|about|description)|bio|biography|about-?(the-?)?author|contributor-?(bio|info))([\s_-]|$)/i;

/** Embedded posts quoted in a story (tweets, Instagram): content, whatever their box is called. */
export const EMBED = /embed|twitter-tweet|instagram-media/i;
