/**
 * A local stand-in for the WhatsApp Cloud API on 127.0.0.1, speaking its documented JSON
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages): POST /<version>/<phone number id>/messages
 * answers {messaging_product, contacts: [{input, wa_id}], messages: [{id: "wamid…"}]}; failures {error: {message, type, code, fbtrace_id}}.
 * GET /<version>/<phone number id> answers the number {verified_name, display_phone_number, id, quality_rating}, or
 * error 190 (invalid OAuth access token) for a token other than the one given.
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

/** The business phone number the number's read describes. */
export const FAKE_WHATSAPP_NUMBER = { verified_name: "Acme Support", display_phone_number: "+1 555-010-0000", quality_rating: "GREEN" };

const invalidToken: ProviderAnswer = { status: 401, body: { error: { message: "Invalid OAuth access token - Cannot parse access token", type: "OAuthException", code: 190, fbtrace_id: "AbCdEf" } } };

/** Starts the fake; the wamid of the n-th sent message is `wamid.fake<n>`; with `accessToken`, reading the number takes only that one. */
export async function startFakeWhatsapp(options: { accessToken?: string } = {}): Promise<FakeWhatsapp> {
  let next = 1;
  const fake = await startFakeProvider({
    recipientOf: (call) => String(call.body.to),
    answer: (call) => {
      const phoneNumberId = call.method === "GET" ? /^\/v[\d.]+\/(\d+)$/.exec(call.path)?.[1] : undefined;
      if (phoneNumberId) {
        if (options.accessToken !== undefined && call.headers.authorization !== `Bearer ${options.accessToken}`) return invalidToken;
        return { status: 200, body: { ...FAKE_WHATSAPP_NUMBER, id: phoneNumberId } };
      }
      return /^\/v[\d.]+\/\d+\/messages$/.test(call.path)
        ? { status: 200, body: { messaging_product: "whatsapp", contacts: [{ input: call.body.to, wa_id: call.body.to }], messages: [{ id: `wamid.fake${next++}` }] } }
        : { status: 404, body: { error: { message: "Unknown path components", type: "OAuthException", code: 2500 } } };
    },
  });
  return { ...fake, sentTo: (waId) => fake.calls.filter((call) => call.path.endsWith("/messages") && call.body.to === waId) };
}
