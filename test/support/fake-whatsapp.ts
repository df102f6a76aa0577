/**
 * A local stand-in for the WhatsApp Cloud API on 127.0.0.1, speaking its documented JSON
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages): POST /<version>/<phone number id>/messages
 * answers {messaging_product, contacts: [{input, wa_id}], messages: [{id: "wamid…"}]}; failures {error: {message, type, code, fbtrace_id}}.
 */
import { startFakeProvider, type FakeProvider, type ProviderAnswer, type ProviderCall } from "./fake-provider.ts";

/** The running fake: `sentTo(waId)` lists the messages sent to one user. */
export type FakeWhatsapp = FakeProvider & { sentTo(waId: string): ProviderCall[] };

/** Too many messages: a 429 with Retry-After and the Cloud API's rate-limit error. */
export const tooManyMessages = (retryAfterSec: number): ProviderAnswer => ({
  status: 429,
  headers: { "retry-after": String(retryAfterSec) },
  body: { error: { message: "(#130429) Rate limit hit", type: "OAuthException", code: 130429, fbtrace_id: "Az8or2yhqkZfEZ-_4Qn_Bam" } },
});

/** A failure on Meta's side. */
export const metaServerError: ProviderAnswer = { status: 500, body: { error: { message: "(#131000) Something went wrong", type: "OAuthException", code: 131000, fbtrace_id: "AbCdEf" } } };

/** Starts the fake; the wamid of the n-th sent message is `wamid.fake<n>`. */
export async function startFakeWhatsapp(): Promise<FakeWhatsapp> {
  let next = 1;
  const fake = await startFakeProvider({
    recipientOf: (call) => String(call.body.to),
    answer: (call) =>
      /^\/v[\d.]+\/\d+\/messages$/.test(call.path)
        ? { status: 200, body: { messaging_product: "whatsapp", contacts: [{ input: call.body.to, wa_id: call.body.to }], messages: [{ id: `wamid.fake${next++}` }] } }
        : { status: 404, body: { error: { message: "Unknown path components", type: "OAuthException", code: 2500 } } },
  });
  return { ...fake, sentTo: (waId) => fake.calls.filter((call) => call.path.endsWith("/messages") && call.body.to === waId) };
}
