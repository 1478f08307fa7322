/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", {
      jsc: {
        parser: { syntax: "typescript", decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: "es2022",
        keepClassNames: true,
      },
      module: { type: "commonjs" },
    }],
  },
  // Mercurius (the benchmark's comparison server) loads @fastify/static, whose content-disposition 3 is an ES
  // module jest cannot require on Node 20; the hoisted CommonJS release has the same call, and no test serves files.
  moduleNameMapper: { "^content-disposition$": "<rootDir>/node_modules/content-disposition/dist/index.js" },
  testTimeout: 60000,
  // A leaked handle (an unclosed client) ends the run with a warning instead of holding CI until its timeout.
  forceExit: true,
};
