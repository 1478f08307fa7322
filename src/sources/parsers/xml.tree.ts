import { XMLParser, XMLValidator, type ProcessEntitiesOptions } from "fast-xml-parser";
import { Parser as LenientParser } from "htmlparser2";
import { FeedParseError } from "./errors";
import { canonicalNamespace } from "./namespaces";
import { decodeEntities } from "./text";
import { resolveUrl } from "./urls";

/** An XML element with its namespace resolved to a stable key ("atom", "dc", "media", "" for none). */
export interface XElement {
  /** Qualified name as written (kept for re-serialising inline XHTML). */
  qname: string;
  ns: string;
  local: string;
  attrs: Record<string, string>;
  children: XChild[];
  /** In-scope xml:lang, inherited from ancestors. */
  lang?: string;
  /** In-scope xml:base, resolved against ancestors. */
  base?: string;
}

export type XChild = XElement | string;

export interface XmlDocument {
  root: XElement;
  /** True when the document was not well-formed XML and was read by the lenient fallback. */
  recovered: boolean;
  problems: string[];
}

export interface XmlOptions {
  /** Base URL of the document (where it was fetched from), for xml:base resolution. */
  baseUrl?: string;
  /** Run the well-formedness check that sets `recovered` on documents fast-xml-parser still reads. */
  validate?: boolean;
}

// Names that would reach Object.prototype if a library ever used them as plain keys.
const UNSAFE_NAMES = new Set(["__proto__", "constructor", "prototype"]);
const renameUnsafe = (name: string): string => (UNSAFE_NAMES.has(name) ? `unsafe-${name}` : name);

// Internal DTD entities are expanded (feeds use them) but bounded; external ones are refused by the library.
// The limits count only DTD-declared entities ("external" tier): escaped HTML is full of &lt; and is not a bomb.
const ENTITY_LIMITS = {
  enabled: true,
  maxEntitySize: 10_000,
  maxTotalExpansions: 20_000,
  maxExpandedLength: 2_000_000,
  maxEntityCount: 200,
  appliesTo: "external",
} as ProcessEntitiesOptions;

const strictParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
  processEntities: ENTITY_LIMITS,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: "#cdata",
  transformTagName: renameUnsafe,
  transformAttributeName: renameUnsafe,
  maxNestedTags: 200,
});

/** Parses XML text into an element tree; malformed documents are recovered leniently rather than rejected. */
export function parseXml(text: string, options: XmlOptions = {}): XmlDocument {
  const body = stripPrologNoise(text);
  if (!body) throw new FeedParseError("EMPTY_DOCUMENT", "xml.tree: expected an XML document, got an empty body");
  const problems: string[] = [];
  if (options.validate !== false) {
    const verdict = XMLValidator.validate(body);
    if (verdict !== true) problems.push(`line ${verdict.err.line}: ${verdict.err.msg}`);
  }
  let raw: unknown[] | undefined;
  try {
    raw = strictParser.parse(numericizeHtmlEntities(body)) as unknown[];
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/entit/i.test(message) && /(limit|exceed|maximum|depth|count)/i.test(message)) {
      throw new FeedParseError("ENTITY_LIMIT", `xml.tree: entity expansion refused (${message})`);
    }
    problems.push(message);
  }
  const root = raw ? buildFromStrict(raw, options.baseUrl) : undefined;
  if (root) return { root, recovered: problems.length > 0, problems };
  const lenient = buildLenient(body, options.baseUrl);
  if (!lenient) throw new FeedParseError("MALFORMED_XML", `xml.tree: expected an XML root element, got "${body.slice(0, 40)}"`);
  return { root: lenient, recovered: true, problems };
}

const NAMED_ENTITY = /&([A-Za-z][A-Za-z0-9]{1,31});/g;
const XML_ENTITIES = new Set(["amp", "lt", "gt", "quot", "apos"]);
const htmlEntityCache = new Map<string, string | null>();

/**
 * Feeds use HTML entities (&nbsp; &eacute; &hellip;) that XML does not define. They are rewritten to
 * numeric references before parsing, so the XML parser decodes them exactly once ("&amp;eacute;" stays text).
 */
function numericizeHtmlEntities(body: string): string {
  if (!body.includes("&")) return body;
  const declared = new Set<string>();
  for (const m of body.slice(0, body.indexOf("<!ENTITY") >= 0 ? 20_000 : 0).matchAll(/<!ENTITY\s+([^\s%]+)/g)) declared.add(m[1]);
  return body.replace(NAMED_ENTITY, (whole, name: string) => {
    if (XML_ENTITIES.has(name) || declared.has(name)) return whole;
    const char = htmlEntity(name);
    return char === null ? whole : [...char].map((c) => `&#${c.codePointAt(0)};`).join("");
  });
}

function htmlEntity(name: string): string | null {
  let char = htmlEntityCache.get(name);
  if (char === undefined) {
    const decoded = decodeEntities(`&${name};`);
    char = decoded && decoded !== `&${name};` ? decoded : null;
    if (htmlEntityCache.size < 5000) htmlEntityCache.set(name, char);
  }
  return char;
}

/** Drops a BOM and leading whitespace, which some servers prepend before the XML declaration. */
export function stripPrologNoise(text: string): string {
  return text.replace(/^\uFEFF/, "").trimStart();
}

interface Scope {
  prefixes: Record<string, string>;
  lang?: string;
  /** Only what xml:base declares; the document URL (`doc`) is what a relative xml:base resolves against. */
  base?: string;
  doc?: string;
}

function makeElement(qname: string, rawAttrs: Record<string, string>, parent: Scope): { el: XElement; scope: Scope } {
  const attrs: Record<string, string> = Object.create(null);
  let prefixes = parent.prefixes;
  let lang = parent.lang;
  let base = parent.base;
  for (const key of Object.keys(rawAttrs)) {
    const value = String(rawAttrs[key]);
    attrs[key] = value;
    if (key === "xmlns" || key.startsWith("xmlns:")) {
      if (prefixes === parent.prefixes) prefixes = { ...parent.prefixes };
      prefixes[key === "xmlns" ? "" : key.slice(6)] = value;
    } else if (key === "xml:lang") {
      lang = value.trim() || undefined;
    } else if (key === "xml:base") {
      base = resolveUrl(value, base ?? parent.doc) ?? value;
    }
  }
  const colon = qname.indexOf(":");
  const prefix = colon > 0 ? qname.slice(0, colon) : "";
  const local = colon > 0 ? qname.slice(colon + 1) : qname;
  const uri = prefixes[prefix];
  const ns = uri !== undefined ? canonicalNamespace(uri) : prefix.toLowerCase();
  const el: XElement = { qname, ns, local, attrs, children: [], lang, base };
  return { el, scope: { prefixes, lang, base, doc: parent.doc } };
}

type StrictNode = Record<string, unknown>;

function buildFromStrict(nodes: unknown[], baseUrl?: string): XElement | undefined {
  const top: Scope = { prefixes: Object.create(null), doc: baseUrl };
  for (const node of nodes) {
    const name = elementName(node as StrictNode);
    if (name) return convertStrict(node as StrictNode, name, top);
  }
  return undefined;
}

function elementName(node: StrictNode): string | undefined {
  for (const key of Object.keys(node)) {
    if (key !== ":@" && key !== "#text" && key !== "#cdata") return key;
  }
  return undefined;
}

function convertStrict(node: StrictNode, name: string, parent: Scope): XElement {
  const { el, scope } = makeElement(name, (node[":@"] as Record<string, string>) ?? {}, parent);
  for (const child of node[name] as StrictNode[]) {
    if ("#text" in child) el.children.push(String(child["#text"]));
    else if ("#cdata" in child) el.children.push(cdataText(child["#cdata"] as StrictNode[]));
    else {
      const childName = elementName(child);
      if (childName) el.children.push(convertStrict(child, childName, scope));
    }
  }
  return el;
}

function cdataText(parts: StrictNode[]): string {
  let out = "";
  for (const part of parts) out += String(part["#text"] ?? "");
  return out;
}

/** htmlparser2 in XML mode never fails: it closes what is left open and never expands DTD entities. */
function buildLenient(body: string, baseUrl?: string): XElement | undefined {
  const stack: { el: XElement; scope: Scope }[] = [];
  let root: XElement | undefined;
  const top: Scope = { prefixes: Object.create(null), doc: baseUrl };
  const parser = new LenientParser(
    {
      onopentag(name, attribs) {
        const parent = stack.length ? stack[stack.length - 1] : undefined;
        const made = makeElement(renameUnsafe(name), attribs, parent ? parent.scope : top);
        // A second top-level element is parsed but dropped: the first root is the document.
        if (parent) parent.el.children.push(made.el);
        else if (!root) root = made.el;
        stack.push(made);
      },
      ontext(text) {
        if (stack.length) stack[stack.length - 1].el.children.push(text);
      },
      onclosetag() {
        stack.pop();
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true, recognizeSelfClosing: true },
  );
  parser.end(body);
  return root;
}
