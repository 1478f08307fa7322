/**
 * A small reader for feedparser's `Expect:` lines: Python boolean expressions over the parse result.
 * Supports literals (str with escapes, int, float, tuple, list, dict), subscripts, attribute access,
 * calls, + , comparisons, `in`, `is`, `not`, `and`, `or`. Anything else is a syntax error.
 */
export type Node =
  | { t: "lit"; v: unknown }
  | { t: "name"; id: string }
  | { t: "tuple" | "list"; items: Node[] }
  | { t: "dict"; entries: [Node, Node][] }
  | { t: "sub"; target: Node; index: Node }
  | { t: "attr"; target: Node; name: string }
  | { t: "call"; fn: Node; args: Node[] }
  | { t: "bin"; op: string; left: Node; right: Node }
  | { t: "cmp"; ops: string[]; operands: Node[] }
  | { t: "not"; operand: Node }
  | { t: "neg"; operand: Node }
  | { t: "bool"; op: "and" | "or"; operands: Node[] };

type Token = { k: "str" | "num" | "name" | "op"; v: string | number };

const OPS = ["==", "!=", "<=", ">=", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ".", "+", "-", "*", "%"];

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const strStart = /^([uUbBrR]{0,2})(['"])/.exec(src.slice(i, i + 3));
    if (strStart && (strStart[1] === "" || /[a-zA-Z]/.test(ch))) {
      const raw = /r/i.test(strStart[1]);
      const quote = strStart[2];
      let j = i + strStart[0].length;
      let value = "";
      while (j < src.length && src[j] !== quote) {
        if (src[j] === "\\" && !raw) {
          const [text, used] = escape(src, j);
          value += text;
          j += used;
        } else value += src[j++];
      }
      if (j >= src.length) throw new SyntaxError(`unterminated string at ${i}`);
      out.push({ k: "str", v: value });
      i = j + 1;
      continue;
    }
    const num = /^\d+(\.\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ k: "num", v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      out.push({ k: "name", v: name[0] });
      i += name[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new SyntaxError(`unexpected character ${JSON.stringify(ch)} at ${i}`);
    out.push({ k: "op", v: op });
    i += op.length;
  }
  return out;
}

function escape(src: string, j: number): [string, number] {
  const c = src[j + 1];
  const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0", a: "\x07", b: "\b", f: "\f", v: "\v", "\n": "" };
  if (c === "x") return [String.fromCharCode(parseInt(src.slice(j + 2, j + 4), 16)), 4];
  if (c === "u") return [String.fromCharCode(parseInt(src.slice(j + 2, j + 6), 16)), 6];
  if (c === "U") return [String.fromCodePoint(parseInt(src.slice(j + 2, j + 10), 16)), 10];
  if (c in simple) return [simple[c], 2];
  return ["\\" + c, 2];
}

export function parseExpr(src: string): Node {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = (v?: string): boolean => pos < tokens.length && (v === undefined || tokens[pos].v === v);
  const isName = (v: string): boolean => pos < tokens.length && tokens[pos].k === "name" && tokens[pos].v === v;
  const expect = (v: string): void => {
    if (!peek(v)) throw new SyntaxError(`expected ${v} at token ${pos}`);
    pos++;
  };

  const orExpr = (): Node => boolOf("or", andExpr);
  const andExpr = (): Node => boolOf("and", notExpr);
  function boolOf(op: "and" | "or", next: () => Node): Node {
    const operands = [next()];
    while (isName(op)) {
      pos++;
      operands.push(next());
    }
    return operands.length === 1 ? operands[0] : { t: "bool", op, operands };
  }
  function notExpr(): Node {
    if (isName("not")) {
      pos++;
      return { t: "not", operand: notExpr() };
    }
    return comparison();
  }
  function comparison(): Node {
    const operands = [sum()];
    const ops: string[] = [];
    for (;;) {
      let op: string | undefined;
      if (peek("==") || peek("!=") || peek("<") || peek(">") || peek("<=") || peek(">=")) op = String(tokens[pos++].v);
      else if (isName("in")) (pos++, (op = "in"));
      else if (isName("not") && tokens[pos + 1]?.v === "in") (pos += 2, (op = "not in"));
      else if (isName("is")) {
        pos++;
        op = isName("not") ? (pos++, "is not") : "is";
      }
      if (!op) break;
      ops.push(op);
      operands.push(sum());
    }
    return ops.length ? { t: "cmp", ops, operands } : operands[0];
  }
  function sum(): Node {
    let left = unary();
    while (peek("+") || peek("-") || peek("*") || peek("%")) {
      const op = String(tokens[pos++].v);
      left = { t: "bin", op, left, right: unary() };
    }
    return left;
  }
  function unary(): Node {
    if (peek("-")) {
      pos++;
      return { t: "neg", operand: unary() };
    }
    return postfix();
  }
  function postfix(): Node {
    let node = atom();
    for (;;) {
      if (peek("[")) {
        pos++;
        const index = orExpr();
        expect("]");
        node = { t: "sub", target: node, index };
      } else if (peek(".")) {
        pos++;
        node = { t: "attr", target: node, name: String(tokens[pos++].v) };
      } else if (peek("(")) {
        pos++;
        const args = listUntil(")");
        node = { t: "call", fn: node, args };
      } else return node;
    }
  }
  function listUntil(close: string): Node[] {
    const items: Node[] = [];
    while (!peek(close)) {
      items.push(orExpr());
      if (!peek(close)) expect(",");
    }
    expect(close);
    return items;
  }
  function atom(): Node {
    const tok = tokens[pos++];
    if (!tok) throw new SyntaxError("unexpected end of expression");
    if (tok.k === "str") {
      let value = String(tok.v);
      while (pos < tokens.length && tokens[pos].k === "str") value += String(tokens[pos++].v);
      return { t: "lit", v: value };
    }
    if (tok.k === "num") return { t: "lit", v: tok.v };
    if (tok.k === "name") {
      if (tok.v === "True") return { t: "lit", v: true };
      if (tok.v === "False") return { t: "lit", v: false };
      if (tok.v === "None") return { t: "lit", v: null };
      return { t: "name", id: String(tok.v) };
    }
    if (tok.v === "(") {
      if (peek(")")) return (pos++, { t: "tuple", items: [] });
      const first = orExpr();
      if (peek(")")) return (pos++, first);
      expect(",");
      return { t: "tuple", items: [first, ...listUntil(")")] };
    }
    if (tok.v === "[") return { t: "list", items: listUntil("]") };
    if (tok.v === "{") {
      const entries: [Node, Node][] = [];
      while (!peek("}")) {
        const key = orExpr();
        expect(":");
        entries.push([key, orExpr()]);
        if (!peek("}")) expect(",");
      }
      expect("}");
      return { t: "dict", entries };
    }
    throw new SyntaxError(`unexpected token ${String(tok.v)}`);
  }

  const tree = orExpr();
  if (pos !== tokens.length) throw new SyntaxError(`trailing tokens from ${pos}`);
  return tree;
}
