import type { Participant } from "./types";

/** Participants kept per kind: enough for any real story, bounded for a long-running one. */
export const MAX_PARTICIPANTS = 100;

export function addParticipants(list: Participant[], mentions: { id: string; salience: number }[]): Participant[] {
  const byId = new Map(list.map((p) => [p.id, { ...p }]));
  const seen = new Set<string>();
  for (const m of mentions) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    const p = byId.get(m.id) ?? { id: m.id, articles: 0, weight: 0 };
    p.articles += 1;
    p.weight += Math.min(1, Math.max(0, m.salience));
    byId.set(m.id, p);
  }
  return rank([...byId.values()]);
}

export function mergeParticipants(a: Participant[], b: Participant[]): Participant[] {
  const byId = new Map(a.map((p) => [p.id, { ...p }]));
  for (const q of b) {
    const p = byId.get(q.id);
    if (p) {
      p.articles += q.articles;
      p.weight += q.weight;
    } else byId.set(q.id, { ...q });
  }
  return rank([...byId.values()]);
}

function rank(list: Participant[]): Participant[] {
  return list
    .sort((x, y) => y.weight - x.weight || y.articles - x.articles || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
    .slice(0, MAX_PARTICIPANTS)
    .map((p) => ({ ...p, weight: Math.round(p.weight * 1000) / 1000 }));
}
