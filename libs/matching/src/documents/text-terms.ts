/**
 * Search terms for Chinese and mixed text, shared by both engines.
 *
 * Why not (only) pg_trgm: names, schools and majors are searched by two
 * Chinese characters most of the time ("晓燕", "集宁"). pg_trgm extracts no
 * trigram from a two-character infix, so `LIKE '%晓燕%'` cannot use a
 * gin_trgm_ops index and PostgreSQL falls back to a sequential scan (checked
 * on this machine's PostgreSQL 15, ctype C.UTF-8). Runs of CJK characters are
 * therefore indexed as unigrams + bigrams (what Lucene's CJKAnalyzer does) and
 * ASCII words as the word plus its trigrams. A query becomes the set of terms
 * its words produce; the index narrows by containment and a substring check on
 * the normalised text removes the rare false positive ("集宁…宁师…师范" apart).
 */

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const TOKEN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g;

/** Lower case, full-width ASCII to half-width, collapsed spaces. */
export function normalizeText(s: string): string {
  return s
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

function cjkTerms(run: string, out: Set<string>, withUnigrams: boolean): void {
  const chars = [...run];
  if (withUnigrams || chars.length === 1) for (const c of chars) out.add(c);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
}

function asciiTerms(word: string, out: Set<string>, forQuery: boolean): void {
  if (word.length < 3) {
    // Short words: index the word and its prefixes; a query uses the word itself.
    if (forQuery) out.add(word);
    else for (let i = 1; i <= word.length; i++) out.add(word.slice(0, i));
    return;
  }
  if (!forQuery) {
    out.add(word.slice(0, 1));
    out.add(word.slice(0, 2));
  }
  for (let i = 0; i + 3 <= word.length; i++) out.add(word.slice(i, i + 3));
}

/** Terms stored for a document (unigrams and bigrams of CJK runs; ASCII words, prefixes and trigrams). */
export function documentTerms(...fields: Array<string | null | undefined>): string[] {
  const out = new Set<string>();
  for (const f of fields) {
    if (!f) continue;
    for (const tok of normalizeText(f).match(TOKEN) ?? []) {
      if (CJK.test(tok)) cjkTerms(tok, out, true);
      else asciiTerms(tok, out, false);
    }
  }
  return [...out].sort();
}

/** One query word: the terms a matching document must contain, and the substring it must contain. */
export interface QueryWord {
  terms: string[];
  substring: string;
}

/** Splits a query into words; each word must occur (as a substring) in the document text. */
export function queryWords(text: string): QueryWord[] {
  const words: QueryWord[] = [];
  for (const raw of normalizeText(text).split(' ')) {
    const toks = raw.match(TOKEN);
    if (!toks) continue;
    // A word mixing scripts ("3号楼") is treated token by token.
    for (const tok of toks) {
      const out = new Set<string>();
      if (CJK.test(tok)) cjkTerms(tok, out, false);
      else asciiTerms(tok, out, true);
      words.push({ terms: [...out].sort(), substring: tok });
    }
  }
  return words;
}

/**
 * Whether the terms alone decide a word: one or two CJK characters are a
 * single unigram/bigram, present exactly when the text contains the word
 * (runs are never joined across fields), so no substring recheck is needed.
 */
export function termsAreExact(word: QueryWord): boolean {
  const chars = [...word.substring];
  return chars.length <= 2 && chars.every((c) => CJK.test(c)) && word.terms.length === 1 && word.terms[0] === word.substring;
}
