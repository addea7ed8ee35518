/* Chat transports: one WebSocket for many turns, and Server-Sent Events read from a POST
 * with fetch (EventSource cannot POST). Both hand each event to handle(data), which returns
 * true for the event that ends the turn. */
const TURN_TIMEOUT_MS = 60000;
const PING_MS = 25000;

export class ConnectionLost extends Error {
  constructor() { super("connection lost"); this.code = "connection_lost"; }
}

export class HttpError extends Error {
  constructor(status, code) { super(code); this.status = status; this.code = code; }
}

export class SocketClient {
  constructor(address, onOpen = () => {}) {
    this.address = address;
    this.onOpen = onOpen;
    this.ws = null;
    this.turn = null;
    this.backoffMs = 1000;
    this.reconnectTimer = null;
    this.pingTimer = null;
    this.waiters = [];
  }

  get ready() { return this.ws !== null && this.ws.readyState === WebSocket.OPEN; }

  connect() {
    if (this.ws || typeof WebSocket !== "function") return;
    let ws;
    try { ws = new WebSocket(this.address); } catch { this.scheduleReconnect(); return; }
    this.ws = ws;
    ws.addEventListener("open", () => {
      this.settle(true);
      this.backoffMs = 1000;
      this.onOpen();
      this.pingTimer = window.setInterval(() => this.ping(), PING_MS);
    });
    ws.addEventListener("message", (event) => this.dispatch(event.data));
    ws.addEventListener("close", () => {
      window.clearInterval(this.pingTimer);
      this.ws = null;
      this.settle(false);
      this.turn?.fail(new ConnectionLost());
      this.scheduleReconnect();
    });
  }

  /* Resolves true once the socket is open, false if it fails or takes too long. */
  whenReady(timeoutMs) {
    if (this.ready) return Promise.resolve(true);
    if (!this.ws || this.ws.readyState !== WebSocket.CONNECTING) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = window.setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push((open) => { window.clearTimeout(timer); resolve(open); });
    });
  }

  settle(open) {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((resolve) => resolve(open));
  }

  ping() {
    if (this.ready) this.ws.send(JSON.stringify({ type: "ping" }));
  }

  scheduleReconnect() {
    if (this.reconnectTimer) return;
    this.reconnectTimer = window.setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, this.backoffMs);
    this.backoffMs = Math.min(this.backoffMs * 2, 30000);
  }

  dispatch(raw) {
    let data;
    try { data = JSON.parse(raw); } catch { return; }
    if (data && data.type !== "pong") this.turn?.event(data);
  }

  run(body, handle) {
    return new Promise((resolve, reject) => {
      let timer = 0;
      const finish = (fn, value) => { window.clearTimeout(timer); this.turn = null; fn(value); };
      const arm = () => {
        window.clearTimeout(timer);
        timer = window.setTimeout(() => { finish(reject, new ConnectionLost()); this.ws?.close(); },
          TURN_TIMEOUT_MS);
      };
      this.turn = {
        event: (data) => { arm(); if (handle(data)) finish(resolve, data.type); },
        fail: (error) => finish(reject, error),
      };
      arm();
      this.ws.send(JSON.stringify(body));
    });
  }
}

async function httpError(response) {
  let code = `http_${response.status}`;
  try {
    const body = await response.json();
    code = body?.error?.code || code;
  } catch { /* not JSON */ }
  return new HttpError(response.status, code);
}

function parseEvent(block) {
  let type = "message";
  const data = [];
  for (const line of block.split(/\r\n|\r|\n/)) {
    if (!line || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") type = value;
    else if (field === "data") data.push(value);
  }
  if (!data.length) return null;
  try {
    const parsed = JSON.parse(data.join("\n"));
    return { ...parsed, type: parsed.type || type };
  } catch { return null; }
}

export async function runSse(address, body, handle) {
  let response;
  try {
    response = await fetch(address, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify(body),
    });
  } catch { throw new ConnectionLost(); }
  if (!response.ok || !response.body) throw await httpError(response);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      const blocks = buffer.split(/\r\n\r\n|\n\n|\r\r/);
      buffer = blocks.pop();
      for (const block of blocks) {
        const event = parseEvent(block);
        if (event && handle(event)) { reader.cancel().catch(() => {}); return event.type; }
      }
    }
  } catch { /* the stream broke off */ }
  throw new ConnectionLost();
}
