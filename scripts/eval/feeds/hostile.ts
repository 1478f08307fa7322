/** Hostile XML documents shared by the safety tests and the safety measurement script. */
export function billionLaughs(): string {
  let dtd = '<!ENTITY lol "lol">';
  for (let i = 1; i <= 9; i++) dtd += `<!ENTITY lol${i} "${`&lol${i === 1 ? "" : i - 1};`.repeat(10)}">`;
  return `<?xml version="1.0"?><!DOCTYPE rss [${dtd}]><rss version="2.0"><channel><title>&lol9;</title><item><title>ok</title></item></channel></rss>`;
}

/** One 9 KB entity referenced 50,000 times: ~450 MB if expanded naively. */
export function quadraticBlowup(): string {
  const big = "A".repeat(9_000);
  return `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "${big}">]><rss version="2.0"><channel><title>${"&a;".repeat(50_000)}</title></channel></rss>`;
}

export function externalEntity(url: string, kind: "SYSTEM" | "PUBLIC"): string {
  const decl = kind === "SYSTEM" ? `SYSTEM "${url}"` : `PUBLIC "-//Evil//X" "${url}"`;
  return `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe ${decl}>]><rss version="2.0"><channel><title>before &xxe; after</title><item><title>item</title><link>https://example.com/1</link></item></channel></rss>`;
}

export function parameterEntity(url: string): string {
  return `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % remote SYSTEM "${url}"> %remote;]><rss version="2.0"><channel><title>t</title></channel></rss>`;
}

export function externalDtd(url: string): string {
  return `<?xml version="1.0"?><!DOCTYPE rss SYSTEM "${url}"><rss version="0.91"><channel><title>t &eacute;</title></channel></rss>`;
}

export const PROTO_FEED = `<?xml version="1.0"?>
<rss version="2.0" __proto__="x" constructor="y">
  <__proto__><polluted>yes</polluted></__proto__>
  <constructor><prototype><polluted>yes</polluted></prototype></constructor>
  <channel>
    <title>safe</title>
    <item __proto__="a"><title>one</title><__proto__><polluted>yes</polluted></__proto__><category>x</category><link>https://example.com/1</link></item>
  </channel>
</rss>`;
