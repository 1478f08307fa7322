/**
 * A token trie: each edge is one normalised token, so "الولايات المتحدة" and "New York City"
 * are paths of 2 and 3 edges. Lookups cost one Map.get per token of the longest name, which
 * keeps matching linear in the text whatever the size of the knowledge base.
 */
export class TokenTrie<P> {
  private readonly root: TrieNode<P> = new TrieNode();
  private count = 0;

  /** Adds `payload` at the path `tokens`; returns false when that exact payload is already there. */
  insert(tokens: readonly string[], payload: P, same: (a: P, b: P) => boolean): boolean {
    if (tokens.length === 0) return false;
    let node = this.root;
    for (const t of tokens) {
      let next = node.next?.get(t);
      if (!next) {
        next = new TrieNode();
        (node.next ??= new Map()).set(t, next);
      }
      node = next;
    }
    const list = (node.payloads ??= []);
    if (list.some((p) => same(p, payload))) return false;
    list.push(payload);
    this.count++;
    return true;
  }

  child(token: string): TrieNode<P> | undefined {
    return this.root.next?.get(token);
  }

  get size(): number {
    return this.count;
  }
}

export class TrieNode<P> {
  next?: Map<string, TrieNode<P>>;
  payloads?: P[];
}
