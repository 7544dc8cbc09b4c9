// A bounded cache for pure functions of a sentence (or a word) that several stages ask about (the rules, discovery,
// candidates and features all ask whether a sentence has a deal word; the rules and discovery both look for unknown
// names; discovery asks compromise whether a word is a person's or a place's).
export function memoBySentence<T>(limit: number, compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = compute(key);
    // Pages are read one after another: forgetting everything at the limit is as good as LRU here, and cheaper.
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
    return value;
  };
}
