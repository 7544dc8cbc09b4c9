// References back to a company the text has just made its subject: "In May it struck a $10 billion pact with AMD",
// "Its other inference capacity comes mainly from Oracle", "The startup currently leases from Lambda", "the Toronto
// lab runs on Google Cloud". Each stands for the company that opened one of the sentences just before (of the kind the
// description names), and becomes a weak mention of it: the scorer weighs references by how they were made.
import { hasDealCue } from './cues.js';
import type { EntityMention } from './gazetteer.js';
import type { Sentence } from './sentences.js';

const LAB_WORDS = String.raw`lab|start-?up|model (?:developer|maker|builder)|(?:chatgpt|claude|gemini|grok|llama|mistral) maker|ai (?:company|developer|firm)`;
const CLOUD_WORDS = String.raw`neocloud|(?:gpu |ai )?cloud(?: provider| company| operator)?|operator|host`;
const POWER_WORDS = String.raw`utility|co-?operative|power (?:company|producer|supplier)|generator`;
const CHIP_WORDS = String.raw`chipmaker|chip ?(?:designer|maker)`;
const ANY_WORDS = String.raw`company|firm|group`;

// A transcript's line opening: a time code and a speaker's label ("[00:01:38] MAYA: ", "Dev: ").
const SPEAKER = String.raw`(?:[[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s+)?(?:\p{Lu}[\p{L} .'’-]{1,30}:\s+)?`;

// "[Speaker: ][In May, |Last year |Now ]it|its|the [Toronto ]startup ..." at the head of a sentence or of a clause after "when", "and"...
const REFERENCE = new RegExp(
  String.raw`(?:^${SPEAKER}(?:(?:and|but|so|meanwhile|separately|now|then|today|also)\s+|(?:in|on|by|since|last|this|earlier|later|until) [\p{L}\d]+(?: [\p{L}\d]+)?,?\s+|[^,;:]{0,40},\s+)?|[,;]\s+(?:and|but|while|when|after|as|because|since|where)\s+|\b(?:when|after|because|since|while)\s+)` +
    String.raw`(it|its|the (?:[\p{L}-]+\s+){0,2}?(?:${LAB_WORDS}|${CLOUD_WORDS}|${POWER_WORDS}|${CHIP_WORDS}|${ANY_WORDS}))(?=\s+[\p{L}])`,
  'giu',
);
// What follows a subject "it": a verb or an adverb, not an object's "it" ("agreed to buy it from").
const SUBJECT_IT = /^\s+(?:has|had|is|was|will|would|could|also|already|now|then|still|currently|later|recently|says|said|signed|agreed|struck|inked|leases|leased|rents|rented|runs|ran|trains|trained|buys|bought|took|takes|secured|disclosed|announced|added|plans|expects|began|started|moved|chose|picked|uses|used|relies|relied|gets|got|won|landed|pays|paid|committed|ordered|reserved)\b/iu;

const WINDOW = 3;

type Kind = 'lab' | 'cloud' | 'power' | 'chip' | 'any';

const ENDS_ON: Array<[RegExp, Kind]> = [
  [new RegExp(String.raw`(?:${LAB_WORDS})$`, 'u'), 'lab'],
  [new RegExp(String.raw`(?:${POWER_WORDS})$`, 'u'), 'power'],
  [new RegExp(String.raw`(?:${CHIP_WORDS})$`, 'u'), 'chip'],
  [new RegExp(String.raw`(?:${CLOUD_WORDS})$`, 'u'), 'cloud'],
];

/** The kind of company a reference can stand for: "the startup" a lab, "the utility" a power company, "it" any. */
function kindOf(reference: string): Kind {
  const r = reference.toLowerCase();
  return ENDS_ON.find(([pattern]) => pattern.test(r))?.[1] ?? 'any';
}

const fits = (e: EntityMention, kind: Kind): boolean =>
  kind === 'any'
    ? e.type !== 'investor'
    : kind === 'lab'
      ? e.type === 'lab' && !e.hyperscaler
      : kind === 'power'
        ? e.type === 'power'
        : kind === 'chip'
          ? e.type === 'chipmaker'
          : e.type === 'neocloud' || e.type === 'cloud';

// The company a sentence is about: the one it opens on (after a speaker's label or a short opening phrase).
const OPENS_ON = new RegExp(String.raw`^${SPEAKER}[^,;:]{0,40}?$`, 'u');

/** Adds, to `weak`, the company each reference back stands for, where the sentence does not name it already. */
export function subjectReferences(sentences: Sentence[], known: EntityMention[][], weak: EntityMention[][]): void {
  const subjects: Array<{ entity: EntityMention; block: number } | null> = sentences.map(() => null);
  sentences.forEach((s, i) => {
    const mentions = [...known[i], ...weak[i]].sort((a, b) => a.start - b.start);
    const first = mentions.find((e) => !/^(?:we|our|us|it|its)$/iu.test(e.surface));
    if (first && OPENS_ON.test(s.text.slice(0, first.start))) subjects[i] = { entity: first, block: s.block };
    const added: EntityMention[] = [];
    // Only a sentence that could state a deal needs its references: candidates come from no other.
    for (const m of hasDealCue(s.text, s.fragment) ? s.text.matchAll(REFERENCE) : []) {
      const surface = m[1];
      const start = m.index + m[0].length - surface.length;
      const end = start + surface.length;
      if (/^it$/iu.test(surface) && !SUBJECT_IT.test(s.text.slice(end, end + 20))) continue;
      if (mentions.some((e) => start < e.end && end > e.start)) continue;
      const kind = kindOf(surface);
      let antecedent: EntityMention | null = null;
      for (let j = i - 1; j >= Math.max(0, i - WINDOW); j--) {
        const subject = subjects[j];
        if (subject && s.block - subject.block <= 1 && fits(subject.entity, kind)) {
          antecedent = subject.entity;
          break;
        }
      }
      if (!antecedent || mentions.some((e) => e.name === antecedent.name)) continue;
      added.push({ ...antecedent, start, end, surface, via: 'reference' });
    }
    if (added.length > 0) weak[i] = [...weak[i], ...added].sort((a, b) => a.start - b.start);
    // A sentence that opens on a reference keeps the company it stands for as the subject, before any it names
    // later ("Last year it signed an agreement with Kairos Power": it, not Kairos Power).
    const opening = added[0];
    const named = subjects[i];
    if (opening && (!named || opening.start < named.entity.start) && OPENS_ON.test(s.text.slice(0, opening.start))) subjects[i] = { entity: opening, block: s.block };
  });
}
