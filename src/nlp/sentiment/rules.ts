/** Customer-service phrase rules (team-written): complaints AFINN misses, and service praise. */

/** One phrase rule: an id for the learned model, a pattern over the lower-cased text, and its AFINN-scale weight. */
export type PhraseRule = { id: string; re: RegExp; weight: number };

const N = String.raw`(?:n't|not|never|no)`;
const WAIT_UNITS = String.raw`(?:\d+|an?|one|two|three|four|five|six|several|many|few|multiple)\s*(?:\+\s*)?(?:hours?|hrs?|days?|weeks?|mins?|minutes?)`;

/** The rules, applied to lower-cased text with curly apostrophes straightened. */
export const PHRASE_RULES: PhraseRule[] = [
  { id: "still", re: new RegExp(String.raw`\bstill\s+(?:\w+\s+)?(?:waiting|${N}|nothing|haven't|hasn't|have ?n't|can't|cannot|can not|don't|doesn't|didn't|stuck|on hold|sitting|broken|down|missing|charged|delayed)`, "g"), weight: -2 },
  { id: "again", re: /(?<!thanks?(?: you)?\s+(?:so much\s+)?)\bagain\b(?!\s+(?:soon|with|on)\b)/g, weight: -1 },
  { id: "charged_twice", re: /\b(?:charged|billed|debited)\s+(?:me\s+|us\s+)?(?:twice|two times|2x|double|three times|again)|\bdouble[- ]?(?:charged|billed|charge)|\bover-?charged?\b/g, weight: -3 },
  { id: "on_hold", re: /\b(?:on hold|hold (?:for|times?)|been holding|hung up|hang up on)\b/g, weight: -2 },
  { id: "long_wait", re: new RegExp(String.raw`\b(?:wait(?:ing|ed)?|delayed|late|hold|stuck|sitting|sat|for(?: over| almost| nearly)?)\s+(?:for\s+)?(?:over\s+|almost\s+|nearly\s+|about\s+)?${WAIT_UNITS}`, "g"), weight: -2 },
  { id: "down", re: /\b(?:is|was|are|were|been|went|goes|still|keeps going|site|app|website|system|server|service|wifi|internet)\s+down\b/g, weight: -2 },
  { id: "not_working", re: new RegExp(String.raw`\b(?:${N}\s+work(?:ing|s)?|does${N}\s+work|won't (?:work|load|let)|stopped working|keeps? (?:crashing|failing|freezing)|can't (?:log ?in|sign ?in|access|get through|reach)|cannot (?:log ?in|access|get through|reach)|unable to)\b`, "g"), weight: -2 },
  { id: "lost_item", re: /\b(?:lost|missing|damaged|misplaced)\s+(?:my\s+|our\s+|the\s+)?(?:bags?|luggage|baggage|suitcases?|packages?|parcels?|orders?|items?)|\b(?:bags?|luggage|baggage|package|parcel|order)\s+(?:is\s+|was\s+|are\s+|got\s+)?(?:lost|missing|damaged)\b/g, weight: -2 },
  { id: "not_arrived", re: new RegExp(String.raw`\b(?:never|has${N}|have${N}|did${N}|still${N}?|not yet)\s+(?:been\s+)?(?:arrived|received|recieved|got|gotten|come|came|shown up|showed up|delivered|heard back|responded|answered|called back|refunded|fixed|resolved)`, "g"), weight: -2 },
  { id: "no_response", re: /\b(?:no|zero)\s+(?:response|reply|replies|answer|one (?:answers|responds|helps|cares|called|is)|help|update|updates|refund|call ?back|info|information|communication|explanation|apology|notice|way)\b|\b(?:nobody|no one|noone)\s+(?:answers|answered|responds|responded|cares|helps|helped|calls|called|there|picks up)\b/g, weight: -2 },
  { id: "cancelled_flight", re: /\b(?:cancell?ed|delayed)\s+(?:flights?|flightled|my flight|our flight|again)\b|\bflight\s+(?:is\s+|was\s+|got\s+|has been\s+)?(?:cancell?ed|delayed|late)\b/g, weight: -1 },
  { id: "want_refund", re: /\b(?:want|need|where is|demand|still waiting for)\s+(?:a|my|our)\s+(?:refund|money back)\b/g, weight: -1.5 },
  { id: "sarcasm_thanks", re: /\bthanks? (?:you )?for (?:nothing|the (?:lack|delay|wait|runaround|hassle)|(?:losing|cancell?ing|delaying|ruining|ignoring|wasting))\b|\bthanks a lot\b(?=.*(?:delay|cancel|lost|wait|hour))|\bgreat job\b(?=.*(?:delay|cancel|lost|wait))|(?<!thanks?\s+|thank you\s+)\bso much for\b(?!\s+(?:the|your|all|helping|being|getting|a|taking|looking|sorting|fixing|everything))/g, weight: -4 },
  { id: "why", re: /(?:^|[.!?]\s*|@\w+\s+)why\s+(?:is|are|was|were|am|do|does|did|would|can't|cannot|isn't|won't|hasn't|haven't|don't|doesn't|didn't|has|have|the hell|not|no|on earth)\b/g, weight: -1 },
  { id: "what_happened", re: /\b(?:what happened|what's going on|what is going on|what the (?:hell|heck|f))\b/g, weight: -1 },
  { id: "customer_service_bad", re: /\b(?:worst|terrible|horrible|awful|bad|poor|no|zero|lack of|non-?existent)\s+(?:customer\s+)?(?:service|support|experience|airline|company)\b/g, weight: -1 },
  { id: "praise", re: /\b(?:great|excellent|amazing|awesome|fantastic|wonderful|outstanding|best|good|superb|stellar|terrific)\s+(?:customer\s+)?(?:service|support|job|work|crew|staff|team|flight|experience|agent|help)\b|\byou (?:guys |all )?(?:rock|are the best|are awesome|are amazing)\b|\bkeep up the good work\b/g, weight: 2 },
  { id: "thanks_help", re: /\b(?:thanks|thank you|thx|appreciate)\s+(?:so much\s+|very much\s+|a lot\s+)?(?:for\s+)?(?:the\s+|your\s+)?(?:help|quick|fast|prompt|response|reply|assistance|update|info|support|getting back)\b/g, weight: 1 },
  { id: "resolved", re: /\b(?:problem|issue|it)\s+(?:is\s+|was\s+|got\s+|has been\s+)?(?:solved|resolved|fixed|sorted)\b|\bon time\b|\bno (?:problem|worries)\b/g, weight: 1.5 },
];

/** One rule hit: the rule, the matched text and its offset in the text. */
export type RuleHit = { rule: PhraseRule; text: string; index: number };

/** Finds every rule hit in a lower-cased, apostrophe-normalised text. */
export function matchRules(lower: string): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const rule of PHRASE_RULES) {
    rule.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = rule.re.exec(lower)) !== null) {
      hits.push({ rule, text: m[0].trim(), index: m.index });
      if (m[0].length === 0) rule.re.lastIndex++;
    }
  }
  return hits;
}
