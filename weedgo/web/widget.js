/* WeedGo chat widget. Include on a store page:
 *   <script src="https://chat.example-store.ca/widget.js"
 *           data-weedgo-url="https://chat.example-store.ca"></script>
 * It adds a floating button that opens the budtender chat ("/") in a panel. */
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script || document.getElementById("weedgo-widget-button")) return;
  const base = script.dataset.weedgoUrl || new URL(script.src, location.href).origin;
  // The host page's language (data-weedgo-lang, else its <html lang>) opens the chat in it.
  const wanted = (script.dataset.weedgoLang || document.documentElement.lang || "").slice(0, 2);
  const lang = ["en", "fr"].includes(wanted.toLowerCase()) ? wanted.toLowerCase() : "";
  const page = new URL(lang ? `/?lang=${lang}` : "/", base).href;
  const words = lang === "fr"
    ? { open: "Parler à notre conseiller", close: "Fermer le clavardage",
      title: "Clavardage avec notre conseiller" }
    : { open: "Chat with our budtender", close: "Close chat", title: "Budtender chat" };

  const button = document.createElement("button");
  button.id = "weedgo-widget-button";
  button.type = "button";
  button.textContent = words.open;
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", "weedgo-widget-panel");
  button.style.cssText = "position:fixed;right:20px;bottom:20px;z-index:2147483000;" +
    "padding:12px 20px;min-height:48px;border:2px solid #fff;border-radius:999px;" +
    "background:#1e5b3a;color:#fff;font:600 16px system-ui,sans-serif;cursor:pointer;" +
    "box-shadow:0 4px 14px rgba(0,0,0,.3)";

  const panel = document.createElement("div");
  panel.id = "weedgo-widget-panel";
  panel.hidden = true;
  panel.style.cssText = "position:fixed;right:20px;bottom:84px;z-index:2147483000;" +
    "width:min(420px,calc(100vw - 40px));height:min(640px,calc(100vh - 110px));" +
    "border-radius:14px;overflow:hidden;box-shadow:0 8px 30px rgba(0,0,0,.35);background:#fff";

  function toggle(open) {
    if (open && !panel.firstChild) {
      const frame = document.createElement("iframe");
      frame.src = page;
      frame.title = words.title;
      frame.style.cssText = "width:100%;height:100%;border:0";
      panel.append(frame);
    }
    panel.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    button.textContent = open ? words.close : words.open;
    if (open) panel.firstChild.focus();
  }

  button.addEventListener("click", () => toggle(panel.hidden));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden) { toggle(false); button.focus(); }
  });
  const mount = () => document.body.append(panel, button);
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
