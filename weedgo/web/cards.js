/* Product cards: built with createElement and textContent only, never from HTML strings.
 * Category and strain names and figures follow the page's language; names stay as sold. */
import { categoryLabel, locale, strainLabel as strainName, t } from "./i18n.js";

const money = (value) => new Intl.NumberFormat(locale(), { style: "currency", currency: "CAD" })
  .format(value);
const number = (value) => new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 })
  .format(value);

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== false && value != null) node.setAttribute(key, String(value));
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

function label(value) {
  const text = String(value || "").replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function strainLabel(value) {
  if (!value || value === "none") return "";
  return strainName(value) || (value === "cbd" ? "CBD" : label(value));
}

function potency(name, min, max, unit) {
  const amount = min === max ? number(max) : `${number(min)}–${number(max)}`;
  const percent = locale() === "fr-CA" ? "\u00a0%" : "%";
  return `${name} ${amount}${unit === "%" ? percent : " mg"}`;
}

export function productCard(card) {
  const kind = [categoryLabel(card.category) || label(card.category), strainLabel(card.strain_type)]
    .filter(Boolean).join(" · ");
  const hasPotency = card.thc_max > 0 || card.cbd_max > 0;
  const strength = [potency("THC", card.thc_min, card.thc_max, card.potency_unit),
    potency("CBD", card.cbd_min, card.cbd_max, card.potency_unit)].join(" · ");
  return el("li", { class: "card" },
    el("h3", { class: "card-name", text: card.name }),
    el("p", { class: "card-brand", text: card.brand }),
    el("p", { class: "card-kind", text: kind }),
    hasPotency ? el("p", { class: "card-potency", text: strength }) : null,
    el("p", { class: "card-buy" },
      el("span", { class: "card-price", text: money(card.price) }),
      card.size ? el("span", { class: "card-size", text: card.size }) : null),
    el("p", { class: card.in_stock ? "stock in" : "stock out",
      text: card.in_stock ? t("inStock") : t("outOfStock") }),
    card.pitch ? el("p", { class: "card-pitch", text: card.pitch }) : null);
}
