/**
 * A local stand-in for an API-channel integrator's webhook on 127.0.0.1: records every reply Switchboard posts (with
 * its raw body and headers, to check the signature) and answers 200, or what a contact's script says.
 */
import { startFakeProvider, type FakeProvider, type ProviderCall } from "./fake-provider.ts";

/** The running fake: `repliesTo(contactId)` lists the replies posted for one contact. */
export type FakeIntegrator = FakeProvider & { repliesTo(contactId: string): ProviderCall[] };

/** Starts the fake; replies are expected at `<url>/hooks/switchboard`. */
export async function startFakeIntegrator(): Promise<FakeIntegrator> {
  const fake = await startFakeProvider({
    recipientOf: (call) => String(call.body.contactId),
    answer: (call) => (call.path === "/hooks/switchboard" ? { status: 200, body: { received: true } } : { status: 404, body: { error: "not found" } }),
  });
  return { ...fake, repliesTo: (contactId) => fake.calls.filter((call) => call.body.contactId === contactId) };
}
