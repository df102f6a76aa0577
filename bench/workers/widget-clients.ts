/** Child process holding many simulated widget customers (socket.io-client on /widget), driven over IPC by e2e and connections. */
import { randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import type { VisitorEvent, WidgetMessage } from "../../src/contracts/messages.ts";

type Client = {
  socket: Socket;
  visitorId: string;
  conversationId?: string;
  /** emit times of sends still waiting for the bot's reply, oldest first */
  pending: number[];
  /** whether this customer's next answered send was its first message (a new customer and conversation) */
  firstPending: boolean[];
  agentMessages: number;
  botMessages: number;
};

type ConnectCommand = { type: "connect"; url: string; count: number; idPrefix: string; concurrency: number; timeoutMs: number };
type LoadCommand = { type: "load"; ratePerSec: number; seconds: number; texts: string[]; drainMs: number; ackTimeoutMs: number };
type SendOnceCommand = { type: "send-once"; every: number; text: string };
type Command = ConnectCommand | LoadCommand | SendOnceCommand | { type: "broadcast-report" } | { type: "close" };

const clients: Client[] = [];
let latencies: number[] = [];
/** per answered message, its send time in ms after the load started, and whether it was the customer's first */
let sentOffsets: number[] = [];
let firstMessage: boolean[] = [];
let loadStart = 0;
const everSent = new WeakSet<Client>();
let ackLatencies: number[] = [];
let answered = 0;
let unsolicited = 0;
let disconnects = 0;

const send = (message: Record<string, unknown>): void => {
  process.send?.(message);
};

function connectOne(url: string, visitorId: string, timeoutMs: number): Promise<Client> {
  const socket = io(`${url}/widget`, {
    auth: { inbox: "demo", visitorId },
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    timeout: timeoutMs,
  });
  const client: Client = { socket, visitorId, pending: [], firstPending: [], agentMessages: 0, botMessages: 0 };
  socket.on("message:new", (message: WidgetMessage) => {
    if (message.sender.type === "agent") client.agentMessages++;
    if (message.sender.type !== "bot") return;
    client.botMessages++;
    const sentAt = client.pending.shift();
    const first = client.firstPending.shift() ?? false;
    if (sentAt === undefined) {
      unsolicited++;
      return;
    }
    answered++;
    latencies.push(performance.now() - sentAt);
    sentOffsets.push(sentAt - loadStart);
    firstMessage.push(first);
  });
  socket.on("disconnect", () => {
    disconnects++;
  });
  // Connected once the server said which id to keep (the same for a seeded visitor, a new one for a first visit).
  return new Promise((resolve, reject) => {
    socket.once("visitor", (event: VisitorEvent) => {
      client.visitorId = event.visitorId;
      resolve(client);
    });
    socket.once("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
}

async function connectAll(command: ConnectCommand): Promise<void> {
  const started = performance.now();
  let next = 0;
  let failed = 0;
  const errors = new Map<string, number>();
  const lane = async (): Promise<void> => {
    while (next < command.count) {
      const index = next++;
      try {
        clients.push(await connectOne(command.url, `${command.idPrefix}${index}`, command.timeoutMs));
      } catch (error) {
        failed++;
        const key = error instanceof Error ? error.message : String(error);
        errors.set(key, (errors.get(key) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(command.concurrency, command.count)) }, lane));
  send({ type: "connected", connected: clients.length, failed, ms: performance.now() - started, errors: Object.fromEntries(errors) });
}

async function runLoad(command: LoadCommand): Promise<void> {
  latencies = [];
  sentOffsets = [];
  firstMessage = [];
  ackLatencies = [];
  answered = 0;
  unsolicited = 0;
  const intervalMs = 1000 / command.ratePerSec;
  const windowMs = command.seconds * 1000;
  let sent = 0;
  let acked = 0;
  let ackErrors = 0;
  const ackErrorCodes = new Map<string, number>();
  const timers: NodeJS.Timeout[] = [];
  const start = performance.now();
  loadStart = start;
  const ackWaits: Promise<void>[] = [];
  clients.forEach((client, index) => {
    // A random phase per client spreads the sends evenly instead of sending N at once.
    const phase = Math.random() * intervalMs;
    let k = 0;
    const fire = (): void => {
      const due = phase + k * intervalMs;
      if (due >= windowMs) return;
      k++;
      const t0 = performance.now();
      client.pending.push(t0);
      client.firstPending.push(!everSent.has(client));
      everSent.add(client);
      sent++;
      const text = command.texts[(index + k) % command.texts.length];
      ackWaits.push(
        client.socket
          .timeout(command.ackTimeoutMs)
          .emitWithAck("message:send", { clientMsgId: randomUUID(), text })
          .then((ack: { error?: { code: string } }) => {
            if (ack && ack.error) {
              ackErrors++;
              ackErrorCodes.set(ack.error.code, (ackErrorCodes.get(ack.error.code) ?? 0) + 1);
              return;
            }
            acked++;
            ackLatencies.push(performance.now() - t0);
          })
          .catch(() => {
            ackErrors++;
            ackErrorCodes.set("ACK_TIMEOUT", (ackErrorCodes.get("ACK_TIMEOUT") ?? 0) + 1);
          }),
      );
      const nextDue = phase + k * intervalMs;
      if (nextDue < windowMs) timers.push(setTimeout(fire, Math.max(0, start + nextDue - performance.now())));
    };
    timers.push(setTimeout(fire, phase));
  });
  await new Promise((resolve) => setTimeout(resolve, windowMs + 10));
  timers.forEach(clearTimeout);
  const drainDeadline = performance.now() + command.drainMs;
  while (performance.now() < drainDeadline && clients.some((c) => c.pending.length > 0)) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await Promise.race([Promise.all(ackWaits), new Promise((resolve) => setTimeout(resolve, 1000))]);
  const lost = clients.reduce((n, c) => n + c.pending.length, 0);
  clients.forEach((c) => {
    c.pending = [];
    c.firstPending = [];
  });
  send({
    type: "loadResult",
    sent,
    acked,
    ackErrors,
    ackErrorCodes: Object.fromEntries(ackErrorCodes),
    answered,
    lost,
    unsolicited,
    latencies,
    sentOffsets,
    firstMessage,
    ackLatencies,
    elapsedMs: performance.now() - start,
    connected: clients.filter((c) => c.socket.connected).length,
  });
}

async function sendOnce(command: SendOnceCommand): Promise<void> {
  const chosen = clients.filter((_, i) => i % command.every === 0);
  const results = await Promise.all(
    chosen.map((client) =>
      client.socket
        .timeout(20_000)
        .emitWithAck("message:send", { clientMsgId: randomUUID(), text: command.text })
        .then((ack: { conversationId?: string }) => {
          client.conversationId = ack.conversationId;
          return ack.conversationId;
        })
        .catch(() => undefined),
    ),
  );
  send({ type: "sent-once", conversationIds: results.filter((x): x is string => !!x), failed: results.filter((x) => !x).length });
}

process.on("message", (raw: unknown) => {
  const command = raw as Command;
  const fail = (error: unknown): void => send({ type: "error", message: error instanceof Error ? error.stack ?? error.message : String(error) });
  switch (command.type) {
    case "connect":
      connectAll(command).catch(fail);
      break;
    case "load":
      runLoad(command).catch(fail);
      break;
    case "send-once":
      sendOnce(command).catch(fail);
      break;
    case "broadcast-report":
      send({
        type: "broadcast",
        clients: clients.length,
        connected: clients.filter((c) => c.socket.connected).length,
        receivedAgentMessage: clients.filter((c) => c.agentMessages > 0).length,
        disconnects,
      });
      break;
    case "close":
      clients.forEach((c) => c.socket.close());
      setTimeout(() => process.exit(0), 100);
      break;
  }
});
process.on("disconnect", () => process.exit(0));
send({ type: "ready" });
