import type { ApolloServerOptionsWithGateway, BaseContext } from "@apollo/server";

/** Apollo Server's gateway contract, taken from its own options type (the interface package is not a direct dependency). */
export type Gateway = ApolloServerOptionsWithGateway<BaseContext>["gateway"];
export type GatewayExecutor = NonNullable<Awaited<ReturnType<Gateway["load"]>>["executor"]>;
export type GatewayRequestContext = Parameters<GatewayExecutor>[0];
export type GatewayResult = Awaited<ReturnType<GatewayExecutor>>;
