// Organisations the gazetteer does not know (a new neocloud in the news): placeholder, filled below.
import type { EntityMention } from './gazetteer.js';

export function findUnknownOrganisations(_sentence: string, _known: EntityMention[]): EntityMention[] {
  return [];
}
