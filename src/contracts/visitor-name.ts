/**
 * A stable, readable name for a customer who never gave one ("Visitor · Amber Otter"): the same id always gets the
 * same name, on the server and in the console, so agents can tell anonymous visitors apart and talk about them.
 */

const ADJECTIVES = [
  "Amber", "Azure", "Brave", "Bright", "Calm", "Clever", "Coral", "Crimson", "Curious", "Dapper", "Eager", "Gentle",
  "Golden", "Happy", "Indigo", "Jolly", "Kind", "Lively", "Lucky", "Mellow", "Misty", "Nimble", "Olive", "Plucky",
  "Quiet", "Rosy", "Rusty", "Silver", "Sunny", "Swift", "Teal", "Witty",
] as const;

const ANIMALS = [
  "Badger", "Beaver", "Bison", "Crane", "Dolphin", "Falcon", "Ferret", "Finch", "Fox", "Gecko", "Heron", "Ibis",
  "Jaguar", "Koala", "Lemur", "Lynx", "Marten", "Moose", "Newt", "Otter", "Owl", "Panda", "Puffin", "Quail", "Raven",
  "Seal", "Stoat", "Tapir", "Turtle", "Walrus", "Wombat", "Yak",
] as const;

/** 32-bit FNV-1a of a string: quick, well spread, the same in every JavaScript runtime. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The generated name of a customer without a name, email or phone: "Visitor · <Adjective> <Animal>" from their id. */
export function visitorName(customerId: string): string {
  const hash = fnv1a(customerId);
  return `Visitor · ${ADJECTIVES[hash % ADJECTIVES.length]} ${ANIMALS[Math.floor(hash / ADJECTIVES.length) % ANIMALS.length]}`;
}
