import type { Context } from "../context";
import type { EventSource, SocketGuard } from "./stream";

/** What a WebSocket operation adds to the context: where events come from and its socket's guard. */
export interface SubscriptionSession {
  source: EventSource;
  guard: SocketGuard;
}

export interface SubscriptionContext extends Context {
  subscription?: SubscriptionSession;
}
