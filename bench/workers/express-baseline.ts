/** The baseline for api: a bare express app with one JSON endpoint, in its own process. */
import express from "express";

const app = express();
app.disable("x-powered-by");
app.use(express.json({ limit: "64kb" }));
const body = { data: [{ id: "00000000-0000-4000-8000-000000000000", status: "bot", subject: "Where is my order?", unread: 0 }], nextCursor: null };
app.get("/api/v1/ping", (_req, res) => {
  res.json(body);
});
const server = app.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ type: "listening", port: typeof address === "object" && address ? address.port : 0 });
});
process.on("disconnect", () => process.exit(0));
