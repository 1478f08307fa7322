import type { PubSub } from "type-graphql";
import { SubscriptionResolver } from "./subscription.resolver";

export { createPublisher, type Publisher } from "./publisher";
export { SubscriptionHub } from "./hub";

export const SUBSCRIPTION_RESOLVERS = [SubscriptionResolver] as const;

/**
 * type-graphql requires a PubSub once a schema has subscriptions, but ours read from the
 * SubscriptionHub of the WebSocket session (bounded queues per socket), so this one is never used.
 */
export const unusedPubSub: PubSub = {
  publish() {
    throw new Error("subscriptions: publish through createPublisher(), not type-graphql's PubSub");
  },
  subscribe() {
    throw new Error("subscriptions: resolvers use their `subscribe` option, not type-graphql's PubSub");
  },
};
