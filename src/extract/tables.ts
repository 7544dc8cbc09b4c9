// Tables of deals: a header row naming the buyer and seller columns ("Buyer | Seller | Value"), then
// one deal per row. The article extractor writes table rows as lines of cells separated by " | ".
import type { ExtractedDeal } from './types.js';
import type { EntityMention, Gazetteer } from './gazetteer.js';
import { findKnownEntities } from './gazetteer.js';
import type { Sentence } from './sentences.js';
import { dealStatus } from './status.js';
import { dealKind } from './kind.js';
import { findMoney } from './money.js';
import { findPower } from './power.js';
import { findHardware } from './hardware.js';

export interface TableColumns {
  buyer: number;
  seller: number;
  /** The column that dates each deal ("Signed", "Year"), or -1. */
  dated: number;
}

const BUYER_HEADER = /^(?:buyer|customer|lab|client|purchaser|tenant|offtaker|company|who)$/iu;
const SELLER_HEADER = /^(?:seller|provider|supplier|vendor|partner|counterparty|cloud|landlord|utility)$/iu;
const DATE_HEADER = /^(?:signed|date|year|announced|agreed|since|when|dated)$/iu;

export const cellsOf = (line: string): string[] => line.split(/\s*(?:\||\t)\s*/u).map((c) => c.trim());

/** The columns of a header row, or null when the line is not one. */
export function tableHeader(line: string): TableColumns | null {
  const cells = cellsOf(line);
  if (cells.length < 2) return null;
  const buyer = cells.findIndex((c) => BUYER_HEADER.test(c));
  const seller = cells.findIndex((c) => SELLER_HEADER.test(c));
  return buyer >= 0 && seller >= 0 && buyer !== seller ? { buyer, seller, dated: cells.findIndex((c) => DATE_HEADER.test(c)) } : null;
}

/** Buyer and seller of one row, with offsets into the row's sentence text; null if either cell names none. */
export function tableRowParties(
  row: Sentence,
  columns: TableColumns,
  gazetteer: Gazetteer,
): { buyer: EntityMention; seller: EntityMention } | null {
  const cells = cellsOf(row.text);
  if (cells.length <= Math.max(columns.buyer, columns.seller)) return null;
  const inCell = (index: number): EntityMention | null => {
    const cell = cells[index];
    const at = row.text.indexOf(cell, index === 0 ? 0 : row.text.indexOf(cells[index - 1]) + cells[index - 1].length);
    const found = findKnownEntities(cell, gazetteer)[0];
    if (found) return { ...found, start: found.start + at, end: found.end + at };
    // A name the gazetteer does not know: the whole cell, if it looks like a name.
    if (/^\p{Lu}[\p{L}\p{N}&.' -]{1,60}$/u.test(cell)) {
      return { name: cell, type: 'neocloud', hyperscaler: false, kind: undefined, start: at, end: at + cell.length, surface: cell, unknown: true };
    }
    return null;
  };
  const buyer = inCell(columns.buyer);
  const seller = inCell(columns.seller);
  return buyer && seller && buyer.name !== seller.name ? { buyer, seller } : null;
}

/**
 * A row of a deal table: the parties come from the buyer and seller columns. A row dated in a year before
 * the article's (year) is a standing deal.
 */
export function tableRowDeal(row: Sentence, columns: TableColumns, gazetteer: Gazetteer, year: number | null = null): ExtractedDeal | null {
  const parties = tableRowParties(row, columns, gazetteer);
  if (!parties) return null;
  const signed = columns.dated >= 0 ? /\b((?:19|20)\d\d)\b/u.exec(cellsOf(row.text)[columns.dated] ?? '')?.[1] : undefined;
  const dealt = dealStatus(row.text, [], row.text);
  const status = signed !== undefined && year !== null && Number(signed) < year && dealt === 'announced' ? 'existing' : dealt;
  if (status === 'denied' || status === 'hypothetical') return null;
  const buyer = parties.buyer.unknown ? { ...parties.buyer, type: 'lab' as const } : parties.buyer;
  const amount = findMoney(row.text).find((m) => m.usd !== null)?.usd ?? null;
  const gigawatts = findPower(row.text)[0]?.gw ?? null;
  return {
    lab: buyer.name,
    provider: parties.seller.name,
    status,
    kind: dealKind(parties.seller, row.text),
    amount_usd: amount,
    gigawatts,
    hardware: findHardware(row.text),
    evidence: row.text,
    evidence_start: row.start,
    evidence_end: row.end,
    confidence: parties.buyer.unknown || parties.seller.unknown ? 0.55 : 0.75,
  };
}
