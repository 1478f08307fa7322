/** JSON-LD nodes of a page, flattened (@graph, arrays and nested objects are walked). Read-only. */
export function jsonLdNodes(doc: Document): Record<string, unknown>[] {
  const nodes: Record<string, unknown>[] = [];
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    const parsed = parseLenient(script.textContent ?? "");
    if (parsed !== undefined) collect(parsed, nodes, 0);
  }
  return nodes;
}

function parseLenient(text: string): unknown {
  const trimmed = text.trim().replace(/^<!--|-->$/g, "").replace(/;\s*$/, "");
  try {
    return JSON.parse(trimmed);
  } catch {
    // Raw newlines inside strings are the usual breakage in hand-written JSON-LD.
    try {
      return JSON.parse(trimmed.replace(/[\n\r\t]+/g, " "));
    } catch {
      return undefined;
    }
  }
}

function collect(value: unknown, out: Record<string, unknown>[], depth: number): void {
  if (depth > 6 || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const v of value) collect(v, out, depth + 1);
    return;
  }
  const node = value as Record<string, unknown>;
  out.push(node);
  for (const [key, child] of Object.entries(node)) {
    if (key !== "@context" && typeof child === "object") collect(child, out, depth + 1);
  }
}

export function hasType(node: Record<string, unknown>, pattern: RegExp): boolean {
  const type = node["@type"];
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => typeof t === "string" && pattern.test(t));
}

/** A text value: a string, the first string of an array, or the `name` of an object. */
export function textValue(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (Array.isArray(value)) {
    for (const v of value) {
      const text = textValue(v);
      if (text) return text;
    }
    return undefined;
  }
  if (value && typeof value === "object") return textValue((value as Record<string, unknown>).name);
  return undefined;
}

export interface JsonLdImage {
  url: string;
  caption?: string;
  credit?: string;
}

/** ImageObjects with the credit schema.org gives them (creditText, copyrightHolder, author, creator). */
export function jsonLdImages(nodes: Record<string, unknown>[]): JsonLdImage[] {
  const images: JsonLdImage[] = [];
  for (const node of nodes) {
    if (!hasType(node, /^ImageObject$/i)) continue;
    const url = textValue(node.url) ?? textValue(node.contentUrl);
    if (!url) continue;
    const image: JsonLdImage = { url };
    const caption = textValue(node.caption) ?? textValue(node.description);
    const credit = textValue(node.creditText) ?? textValue(node.copyrightHolder) ?? textValue(node.author) ?? textValue(node.creator);
    if (caption) image.caption = caption;
    if (credit) image.credit = credit;
    images.push(image);
  }
  return images;
}

/** The articleBody text of the page's article node, when the publisher ships one. */
export function jsonLdArticleBody(nodes: Record<string, unknown>[]): string | undefined {
  for (const node of nodes) {
    if (!hasType(node, /(?:Article|BlogPosting|Report|NewsArticle|LiveBlogPosting)$/i)) continue;
    const body = node.articleBody;
    if (typeof body === "string" && body.trim().length > 0) return body;
  }
  return undefined;
}
