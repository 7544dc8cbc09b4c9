// The word classes of config/cue-classes.json, compiled once: which classes a span of text contains.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { projectPath } from '../paths.js';
import { escapeRegExp } from '../text/escape.js';

const fileSchema = z.object({ classes: z.record(z.string(), z.array(z.string().min(1)).min(1)) });

export interface CueClasses {
  names: string[];
  /** One regex per class, in the order of names. */
  patterns: RegExp[];
}

const escape = (s: string): string => escapeRegExp(s).replace(/\s+/g, '\\s+');

export function compileCueClasses(data: unknown): CueClasses {
  const parsed = fileSchema.parse(data);
  const names = Object.keys(parsed.classes).sort();
  const patterns = names.map((n) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${parsed.classes[n].map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'iu'));
  return { names, patterns };
}

let loaded: CueClasses | null = null;

export function defaultCueClasses(): CueClasses {
  loaded ??= compileCueClasses(JSON.parse(readFileSync(projectPath('config', 'cue-classes.json'), 'utf8')));
  return loaded;
}

/** The classes with a word in the text. */
export function classesIn(text: string, cues: CueClasses): string[] {
  if (text.length === 0) return [];
  const out: string[] = [];
  cues.patterns.forEach((p, i) => {
    if (p.test(text)) out.push(cues.names[i]);
  });
  return out;
}
