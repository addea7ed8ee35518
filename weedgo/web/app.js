/* WeedGo chat page: age gate, replies streamed over a WebSocket (Server-Sent Events as the
 * fallback), product cards and quick replies. Server text is only ever set as textContent. */
import { el, productCard } from "./cards.js";
import { applyLanguage, initialLanguage, language, requestLanguage, t } from "./i18n.js";
import { ConnectionLost, SocketClient, runSse } from "./transport.js";

const KEYS = { customer: "weedgo.customer_id", age: "weedgo.age_verified" };
const CONNECT_WAIT_MS = 3000;
const STORE_TIMEOUT_MS = 4000;
const RETRYABLE = new Set(["overloaded", "unavailable", "engine_error", "internal_error",
  "store_error", "connection_lost"]);

const $ = (id) => document.getElementById(id);
const url = (path) => new URL(path, document.baseURI);

const state = {
  customerId: "",
  sessionId: null,
  ageVerified: false,
  minimumAge: Number(document.body.dataset.minimumAge) || 19,
  maxChars: Number(document.body.dataset.maxChars) || 1000,
  busy: false,
  region: "",
};

// --- small helpers ----------------------------------------------------------------
function storage(kind) {
  try { return kind === "local" ? window.localStorage : window.sessionStorage; }
  catch { return null; }
}

function remember(kind, key, value) {
  try { storage(kind)?.setItem(key, value); } catch { /* storage blocked: keep in memory */ }
}

function recall(kind, key) {
  try { return storage(kind)?.getItem(key) ?? null; } catch { return null; }
}

function randomId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function loadCustomerId() {
  let id = recall("local", KEYS.customer);
  if (!id) {
    id = `web-${randomId()}`;
    remember("local", KEYS.customer, id);
  }
  return id;
}

const PLAIN_ERRORS = new Set(["overloaded", "unavailable", "connection_lost", "invalid_request"]);

/* An error in the page's words: the server's message is for integrators, in English. */
function plainError(code, status) {
  if (code === "payload_too_large" || status === 413) return tooLongText();
  if (status === 429) return t("overloaded");
  if (status === 422) return t("invalid_request");
  return PLAIN_ERRORS.has(code) ? t(code) : t("internal");
}

function tooLongText() {
  return t("tooLong", { max: state.maxChars });
}

// --- the conversation log -----------------------------------------------------------
const log = $("log");
const main = $("main");
const input = $("message");

/* Follow the newest turn; once it is taller than the view, keep its question at the top. */
function scrollToEnd() {
  const turns = log.querySelectorAll(".msg.user");
  const question = turns[turns.length - 1];
  const start = question ? question.offsetTop - 8 : 0;
  main.scrollTop = main.scrollHeight - start <= main.clientHeight ? main.scrollHeight : start;
}

function announce(text) {
  const region = $("announcer");
  region.textContent = "";
  window.setTimeout(() => { region.textContent = text; }, 50);
}

function startTurn(message) {
  clearQuickReplies();
  const user = el("li", { class: "msg user" },
    el("span", { class: "visually-hidden", text: t("you") }),
    el("p", { class: "text", text: message }));
  const text = el("p", { class: "text" }, el("span", { class: "typing", "aria-hidden": "true" }));
  const cards = el("ul", { class: "cards", "aria-label": t("suggestedProducts"), hidden: "" });
  const item = el("li", { class: "msg bot", "aria-busy": "true" },
    el("span", { class: "visually-hidden", text: t("budtender") }), text, cards);
  log.append(user, item);
  scrollToEnd();
  return { user, item, text, cards, streamed: "", quickReplies: [], message };
}

function resetTurn(view) {
  view.streamed = "";
  view.text.replaceChildren(el("span", { class: "typing", "aria-hidden": "true" }));
  view.cards.replaceChildren();
  view.cards.hidden = true;
  view.item.querySelector(".turn-error")?.remove();
}

function showCards(view, products) {
  view.cards.replaceChildren(...products.map(productCard));
  view.cards.hidden = products.length === 0;
  scrollToEnd();
}

function clearQuickReplies() {
  log.querySelectorAll(".quick-replies").forEach((node) => node.remove());
}

function showQuickReplies(replies) {
  if (!replies.length) return;
  const buttons = replies.map((reply) => el("button", {
    type: "button", class: "chip", text: reply,
    onclick: () => { input.focus(); send(reply); },
  }));
  log.append(el("li", { class: "quick-replies", role: "group", "aria-label": t("suggestedReplies") },
    ...buttons));
  scrollToEnd();
}

function showTurnError(view, code, status) {
  view.text.querySelector(".typing")?.remove();
  const retry = RETRYABLE.has(code) || (status >= 500 && status !== 501);
  const box = el("div", { class: "turn-error", role: "alert" },
    el("p", { text: plainError(code, status) }),
    retry ? el("button", { type: "button", class: "secondary", text: t("tryAgain"),
      onclick: () => { view.user.remove(); view.item.remove(); send(view.message); } }) : null);
  view.item.append(box);
  scrollToEnd();
}

function eventHandler(view) {
  return (data) => {
    if (data.type === "meta") {
      if (data.session_id) state.sessionId = data.session_id;
      showCards(view, data.products || []);
      view.quickReplies = data.quick_replies || [];
    } else if (data.type === "token") {
      view.streamed += data.text || "";
      view.text.textContent = view.streamed;
      scrollToEnd();
    } else if (data.type === "done") {
      const final = data.replaced || !view.streamed.trim() ? data.message : view.streamed;
      view.text.textContent = final;
      showQuickReplies(view.quickReplies);
      const count = view.cards.children.length;
      announce(`${t("budtender")}${final}${count ? t("productsShown", { count }) : ""}`);
      return true;
    } else if (data.type === "error") {
      showTurnError(view, data.code);
      return true;
    }
    return false;
  };
}

const socket = new SocketClient(url("ws/chat").href.replace(/^http/, "ws"), () => {
  $("status").textContent = "";
});

async function deliver(body, view) {
  if (await socket.whenReady(CONNECT_WAIT_MS)) {
    try { return await socket.run(body, eventHandler(view)); }
    catch (error) {
      if (!(error instanceof ConnectionLost)) throw error;
      resetTurn(view);
    }
  }
  return runSse(url("api/v1/chat/stream"), body, eventHandler(view));
}

// --- sending --------------------------------------------------------------------
function setBusy(busy) {
  state.busy = busy;
  $("send").disabled = busy;
  $("new-conversation").disabled = busy;
}

function composerError(text) {
  $("composer-error").textContent = text;
  input.setAttribute("aria-invalid", text ? "true" : "false");
}

function updateCounter() {
  const length = input.value.length;
  const counter = $("counter");
  counter.textContent = `${length} / ${state.maxChars}`;
  counter.classList.toggle("over", length > state.maxChars);
  if (length > state.maxChars) composerError(tooLongText());
  else if (input.getAttribute("aria-invalid") === "true") composerError("");
}

async function send(raw) {
  if (state.busy || !state.ageVerified) return;
  const message = raw.trim();
  if (!message) { composerError(t("writeFirst")); return; }
  if (raw.length > state.maxChars) { composerError(tooLongText()); return; }
  composerError("");
  setBusy(true);
  const view = startTurn(message);
  const body = { message, customer_id: state.customerId, age_verified: true,
    ...requestLanguage() };
  if (state.sessionId) body.session_id = state.sessionId;
  try {
    await deliver(body, view);
  } catch (error) {
    if (error instanceof ConnectionLost) $("status").textContent = t("reconnecting");
    showTurnError(view, error.code || "internal_error", error.status);
  } finally {
    view.item.setAttribute("aria-busy", "false");
    view.text.querySelector(".typing")?.remove();
    setBusy(false);
  }
}

function onSubmit(event) {
  event.preventDefault();
  const text = input.value;
  if (text.trim() && text.length <= state.maxChars && !state.busy) {
    input.value = "";
    updateCounter();
  }
  send(text);
}

function newConversation() {
  state.sessionId = null;
  log.replaceChildren();
  composerError("");
  announce(t("newStarted"));
  input.focus();
}

// --- age gate -------------------------------------------------------------------
function showAge(name) {
  if (name) state.region = name;
  const age = state.minimumAge;
  document.body.dataset.minimumAge = String(age);
  $("age-question").textContent = t("ageQuestion", { age });
  const region = state.region ? t("region", { name: state.region }) : "";
  $("age-needed").textContent = t("ageNeeded", { region });
  $("age-yes").textContent = t("ageYes", { age });
  $("age-denied").textContent = t("ageDenied", { age });
}

/* Show the page in another language; the customer's choice is sent with each turn. */
function showLanguage(code, choose) {
  applyLanguage(code, { choose });
  $("language-switch").setAttribute("lang", language() === "fr" ? "en" : "fr");
  showAge();
  updateCounter();
}

async function loadStore() {
  try {
    const response = await fetch(url("api/v1/store"), {
      headers: { Accept: "application/json" },
      signal: AbortSignal.timeout ? AbortSignal.timeout(STORE_TIMEOUT_MS) : undefined,
    });
    if (!response.ok) return;
    const body = await response.json();
    const place = body?.jurisdiction;
    if (Number.isInteger(place?.minimum_age)) state.minimumAge = place.minimum_age;
    if (Number.isInteger(body?.max_message_chars)) state.maxChars = body.max_message_chars;
    showLanguage(initialLanguage(body?.default_language), false);
    showAge(place?.name);
  } catch { /* keep the page's default age */ }
}

function unlock(focus) {
  state.ageVerified = true;
  $("age-gate").hidden = true;
  $("new-conversation").hidden = false;
  $("composer-fields").disabled = false;
  socket.connect();
  if (focus) input.focus();
}

function setupAgeGate() {
  $("age-yes").disabled = true;
  $("age-yes").addEventListener("click", () => {
    remember("session", KEYS.age, "yes");
    unlock(true);
  });
  $("age-no").addEventListener("click", () => { $("age-denied").hidden = false; });
  loadStore().finally(() => {
    showAge();
    updateCounter();
    $("age-yes").disabled = false;
    if (recall("session", KEYS.age) === "yes") unlock(false);
  });
}

function init() {
  state.customerId = loadCustomerId();
  showLanguage(initialLanguage(), false);
  $("language-switch").addEventListener("click", () => {
    showLanguage(language() === "fr" ? "en" : "fr", true);
  });
  setupAgeGate();
  $("composer").addEventListener("submit", onSubmit);
  $("new-conversation").addEventListener("click", newConversation);
  input.addEventListener("input", updateCounter);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("composer").requestSubmit();
    }
  });
}

init();
