import type { IngestEvent } from "../../src/ingest/ingest-events";
import { eventStream, SLOW_CONSUMER_CODE, SocketGuard, type GuardedSocket } from "../../src/graphql/subscriptions/stream";
import { matchesArticle } from "../../src/graphql/subscriptions/match";
import { decodeEvent } from "../../src/graphql/subscriptions/hub";

type Added = Extract<IngestEvent, { type: "articleAdded" }>;

function fakeSocket(buffered = 0) {
  const s = { bufferedAmount: buffered, readyState: 1, closed: undefined as undefined | [number, string], terminated: false,
    close(code: number, reason: string) { this.closed = [code, reason]; },
    terminate() { this.terminated = true; } };
  return s as typeof s & GuardedSocket;
}

function source() {
  const listeners = new Set<(e: IngestEvent) => void>();
  return { listen: (fn: (e: IngestEvent) => void) => (listeners.add(fn), () => listeners.delete(fn)), emit: (e: IngestEvent) => listeners.forEach((l) => l(e)), get size() { return listeners.size; } };
}

const added = (articleId: number, extra: Partial<Added> = {}): Added => ({
  type: "articleAdded", articleId, sourceId: 1, language: "en", category: null, personIds: [], countryCodes: [], eventIds: [], publishedAt: "2025-07-01T00:00:00.000Z", ...extra,
});
const isAdded = (e: IngestEvent): e is Added => e.type === "articleAdded";

describe("subscription streams", () => {
  it("hands events to a waiting reader and queues the rest in order", async () => {
    const src = source();
    const stream = eventStream(src, new SocketGuard(fakeSocket(), { queueLimit: 10, maxBufferedBytes: 1e6 }), isAdded);
    const first = stream.next();
    src.emit(added(1));
    src.emit({ type: "eventUpdated", eventId: 9, articleCount: 2 });
    src.emit(added(2));
    src.emit(added(3));
    expect((await first).value.articleId).toBe(1);
    expect((await stream.next()).value.articleId).toBe(2);
    expect((await stream.next()).value.articleId).toBe(3);
    await stream.return!();
    expect(src.size).toBe(0);
    expect((await stream.next()).done).toBe(true);
  });

  it("closes a socket whose subscriptions together queue more than the limit", () => {
    const src = source();
    const socket = fakeSocket();
    const guard = new SocketGuard(socket, { queueLimit: 3, maxBufferedBytes: 1e6 });
    eventStream(src, guard, isAdded);
    eventStream(src, guard, isAdded);
    src.emit(added(1));
    expect(socket.closed).toBeUndefined();
    src.emit(added(2));
    expect(socket.closed).toEqual([SLOW_CONSUMER_CODE, "slow consumer: more than 3 undelivered events"]);
    expect(guard.isDropped).toBe(true);
  });

  it("closes a socket whose unsent bytes exceed the limit", () => {
    const src = source();
    const socket = fakeSocket(5_000_000);
    eventStream(src, new SocketGuard(socket, { queueLimit: 100, maxBufferedBytes: 4_000_000 }), isAdded);
    src.emit(added(1));
    expect(socket.closed?.[1]).toBe("slow consumer: more than 4000000 bytes unsent");
  });

  it("releases what a finished subscription held", async () => {
    const src = source();
    const socket = fakeSocket();
    const guard = new SocketGuard(socket, { queueLimit: 2, maxBufferedBytes: 1e6 });
    const done = eventStream(src, guard, isAdded);
    src.emit(added(1));
    src.emit(added(2));
    await done.return!();
    const live = eventStream(src, guard, isAdded);
    src.emit(added(3));
    src.emit(added(4));
    expect(socket.closed).toBeUndefined();
    expect((await live.next()).value.articleId).toBe(3);
  });
});

describe("filter matching", () => {
  it("applies the articles filter's any/all rules to an ingest event", () => {
    const e = added(1, { language: "ar", sourceId: 7, category: "politics", personIds: [3, 4], countryCodes: ["RU", "US"], eventIds: [11] });
    expect(matchesArticle({ languages: ["en", "ar"], countryCodes: ["RU", "US"], personIds: [3] }, e)).toBe(true);
    expect(matchesArticle({ countryCodes: ["RU", "CN"] }, e)).toBe(false);
    expect(matchesArticle({ sourceIds: [8] }, e)).toBe(false);
    expect(matchesArticle({ category: "sport" }, e)).toBe(false);
    expect(matchesArticle({ eventId: 11, publishedAfter: new Date("2025-06-30T00:00:00Z") }, e)).toBe(true);
    expect(matchesArticle({ publishedBefore: new Date("2025-07-01T00:00:00Z") }, e)).toBe(false);
  });

  it("drops Redis messages that are not ingest events", () => {
    expect(decodeEvent(JSON.stringify(added(5)))).toMatchObject({ articleId: 5 });
    expect(decodeEvent(`{"type":"articleAdded","articleId":"5"}`)).toBeUndefined();
    expect(decodeEvent(`{"type":"dropTables"}`)).toBeUndefined();
    expect(decodeEvent(`not json`)).toBeUndefined();
  });
});
