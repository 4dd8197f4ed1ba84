export default async function globalTeardown() {
  await globalThis.__TANDEM_PG__?.stop();
}
