/** The baseline for e2e: a bare socket.io server with the /widget shape that acknowledges each "message:send" and answers at once as the "bot". */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { Server } from "socket.io";

const httpServer = createServer();
const io = new Server(httpServer, { maxHttpBufferSize: 64 * 1024 });
io.of("/widget").on("connection", (socket) => {
  const conversationId = randomUUID();
  // The contract's "visitor" event, so clients connect the same way as to the real server.
  socket.emit("visitor", { visitorId: (socket.handshake.auth as { visitorId?: string }).visitorId ?? randomUUID() });
  socket.on("message:send", (payload: { clientMsgId?: string; text?: string }, ack?: (value: unknown) => void) => {
    const createdAt = new Date().toISOString();
    const id = randomUUID();
    ack?.({ id, conversationId, createdAt });
    socket.emit("message:new", { id, conversationId, clientMsgId: payload?.clientMsgId, sender: { type: "customer" }, text: payload?.text ?? "", createdAt });
    socket.emit("message:new", { id: randomUUID(), conversationId, sender: { type: "bot", name: "Echo" }, text: payload?.text ?? "", createdAt });
  });
});
httpServer.listen(0, "127.0.0.1", () => {
  const address = httpServer.address();
  process.send?.({ type: "listening", port: typeof address === "object" && address ? address.port : 0 });
});
process.on("disconnect", () => process.exit(0));
