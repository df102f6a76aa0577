/** Small-talk dialog: greetings, thanks and goodbyes. */
import { say } from "../strings.ts";

const replies: Record<string, string> = {
  greeting: say.greeting,
  thanks: say.thanks,
  goodbye: say.goodbye,
};

/** The reply to a small-talk intent, or undefined for any other intent. */
export function smallTalkReply(intent: string): string | undefined {
  return replies[intent];
}
