/** Runs `body` in a fresh module registry in which every load of the module `name` is counted. */
export function withLoadSpy(name: string, body: (loads: jest.Mock) => void): void {
  jest.isolateModules(() => {
    const loads = jest.fn();
    jest.doMock(name, () => {
      loads();
      return jest.requireActual(name);
    });
    body(loads);
  });
}
