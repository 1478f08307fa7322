import type { XChild, XElement } from "./xml.tree";

export function isElement(child: XChild): child is XElement {
  return typeof child !== "string";
}

/** Child elements in any of the namespaces `nss` ("" = no namespace) named `local` (any name when omitted). */
export function kids(el: XElement | undefined, nss: readonly string[], local?: string): XElement[] {
  if (!el) return [];
  const out: XElement[] = [];
  for (const child of el.children) {
    if (typeof child === "string") continue;
    if ((local === undefined || child.local.toLowerCase() === local) && nss.includes(child.ns)) out.push(child);
  }
  return out;
}

export function kid(el: XElement | undefined, nss: readonly string[], local: string): XElement | undefined {
  if (!el) return undefined;
  for (const child of el.children) {
    if (typeof child !== "string" && child.local.toLowerCase() === local && nss.includes(child.ns)) return child;
  }
  return undefined;
}

/** Text content of an element and its descendants. */
export function textOf(el: XElement | undefined): string {
  if (!el) return "";
  let out = "";
  for (const child of el.children) out += typeof child === "string" ? child : textOf(child);
  return out;
}

/** Trimmed text of the first matching child, or undefined when absent or blank. */
export function kidText(el: XElement | undefined, nss: readonly string[], local: string): string | undefined {
  const text = textOf(kid(el, nss, local)).trim();
  return text || undefined;
}

/** Attribute by exact name, else by local name (feeds vary the prefix: rdf:about, about). */
export function attr(el: XElement | undefined, name: string): string | undefined {
  if (!el) return undefined;
  const exact = el.attrs[name];
  if (exact !== undefined) return exact;
  for (const key of Object.keys(el.attrs)) {
    const colon = key.indexOf(":");
    if (colon > 0 && key.slice(colon + 1) === name && !key.startsWith("xmlns")) return el.attrs[key];
  }
  return undefined;
}

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

/** Serialises an element's children back to HTML (inline XHTML content), dropping namespace prefixes. */
export function innerXml(el: XElement): string {
  let out = "";
  for (const child of el.children) out += typeof child === "string" ? escapeText(child) : outerXml(child);
  return out;
}

function outerXml(el: XElement): string {
  const name = el.local;
  let attrs = "";
  for (const key of Object.keys(el.attrs)) {
    if (key === "xmlns" || key.startsWith("xmlns:")) continue;
    attrs += ` ${key}="${escapeAttr(el.attrs[key])}"`;
  }
  if (!el.children.length && VOID.has(name.toLowerCase())) return `<${name}${attrs} />`;
  return `<${name}${attrs}>${innerXml(el)}</${name}>`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}
