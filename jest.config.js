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
  testTimeout: 60000,
  // A leaked handle (an unclosed client) ends the run with a warning instead of holding CI until its timeout.
  forceExit: true,
};
