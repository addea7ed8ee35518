/* The page's words in English and French, and the language the page shows.
 * The customer's own choice (the switch) is remembered and sent as the request's
 * `language`; otherwise the page's language (the host page's ?lang=, then the store's
 * default) is sent as `page_language`, and the service answers in the language the
 * customer writes in. */
const CHOICE_KEY = "weedgo.language";
export const LANGUAGES = ["en", "fr"];

const TEXTS = {
  en: {
    title: "Budtender chat",
    heading: "Ask our budtender",
    skip: "Skip to the message box",
    newConversation: "New conversation",
    switchTo: "Français",
    switchLabel: "Afficher en français",
    ageQuestion: "Are you {age} or older?",
    ageNeeded: "You must be of legal age{region} to chat about cannabis products.",
    region: " in {name}",
    ageYes: "Yes, I am {age} or older",
    ageNo: "No",
    ageDenied: "Sorry, you need to be {age} or older to use this chat.",
    conversation: "Conversation",
    messageLabel: "Your message",
    placeholder: "e.g. show me some indica strains for sleep",
    send: "Send",
    you: "You: ",
    budtender: "Budtender: ",
    suggestedProducts: "Suggested products",
    suggestedReplies: "Suggested replies",
    productsShown: " {count} products shown.",
    tryAgain: "Try again",
    writeFirst: "Please write a question first.",
    tooLong: "Your message is too long. Please keep it to {max} characters or fewer.",
    overloaded: "We're busy, please try again in a moment.",
    unavailable: "The budtender is still getting ready. Please try again in a few seconds.",
    connection_lost: "Connection lost. We're reconnecting; please try again.",
    invalid_request: "We couldn't read that message. Please rephrase it and try again.",
    internal: "Something went wrong on our side. Please try again.",
    reconnecting: "Connection lost. Reconnecting…",
    newStarted: "New conversation started.",
    inStock: "In stock",
    outOfStock: "Out of stock",
  },
  fr: {
    title: "Clavardage avec notre conseiller",
    heading: "Parlez à notre conseiller",
    skip: "Aller à la zone de message",
    newConversation: "Nouvelle conversation",
    switchTo: "English",
    switchLabel: "Show in English",
    ageQuestion: "Avez-vous {age} ans ou plus?",
    ageNeeded: "Vous devez avoir l'âge légal{region} pour discuter de produits de cannabis.",
    region: " ({name})",
    ageYes: "Oui, j'ai {age} ans ou plus",
    ageNo: "Non",
    ageDenied: "Désolé, vous devez avoir {age} ans ou plus pour utiliser ce clavardage.",
    conversation: "Conversation",
    messageLabel: "Votre message",
    placeholder: "p. ex. des indicas pour dormir",
    send: "Envoyer",
    you: "Vous : ",
    budtender: "Conseiller : ",
    suggestedProducts: "Produits suggérés",
    suggestedReplies: "Réponses suggérées",
    productsShown: " {count} produits affichés.",
    tryAgain: "Réessayer",
    writeFirst: "Écrivez d'abord une question.",
    tooLong: "Votre message est trop long : {max} caractères au maximum, s'il vous plaît.",
    overloaded: "Nous sommes occupés; réessayez dans un instant.",
    unavailable: "Le conseiller se prépare encore. Réessayez dans quelques secondes.",
    connection_lost: "Connexion perdue. Nous nous reconnectons; réessayez.",
    invalid_request: "Nous n'avons pas pu lire ce message. Reformulez-le et réessayez.",
    internal: "Un problème est survenu de notre côté. Réessayez.",
    reconnecting: "Connexion perdue. Reconnexion…",
    newStarted: "Nouvelle conversation commencée.",
    inStock: "En stock",
    outOfStock: "Rupture de stock",
  },
};

const CATEGORIES = {
  fr: { flower: "Fleur séchée", "pre-roll": "Préroulé", vape: "Vapoteuse",
    concentrate: "Concentré", edible: "Comestible", beverage: "Boisson", oil: "Huile",
    capsule: "Capsule", topical: "Topique", accessory: "Accessoire" },
};
const STRAINS = { fr: { indica: "Indica", sativa: "Sativa", hybrid: "Hybride", cbd: "CBD" } };

let current = "en";
let chosen = false;

function known(value) {
  const code = String(value || "").slice(0, 2).toLowerCase();
  return LANGUAGES.includes(code) ? code : null;
}

function recallChoice() {
  try { return known(window.localStorage.getItem(CHOICE_KEY)); } catch { return null; }
}

/* The page's first language: the customer's earlier choice, the host page's ?lang=, the
 * store's default, the document's own. */
export function initialLanguage(storeDefault) {
  const choice = recallChoice();
  chosen = choice !== null;
  const asked = known(new URLSearchParams(window.location.search).get("lang"));
  return choice || asked || known(storeDefault) || known(document.documentElement.lang) || "en";
}

export function language() { return current; }

/* What the request says about language: the customer's choice wins over what they write. */
export function requestLanguage() {
  return chosen ? { language: current, page_language: current } : { page_language: current };
}

export function t(key, values = {}) {
  const text = TEXTS[current][key] ?? TEXTS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

export function categoryLabel(value) { return CATEGORIES[current]?.[value] ?? null; }
export function strainLabel(value) { return STRAINS[current]?.[value] ?? null; }
export function locale() { return current === "fr" ? "fr-CA" : "en-CA"; }

/* Show the page in `code`: the document's lang and every marked text. */
export function applyLanguage(code, { choose = false } = {}) {
  current = known(code) || "en";
  if (choose) {
    chosen = true;
    try { window.localStorage.setItem(CHOICE_KEY, current); } catch { /* memory only */ }
  }
  document.documentElement.lang = current;
  document.title = t("title");
  document.querySelectorAll("[data-i18n]").forEach((node) => {
    node.textContent = t(node.dataset.i18n);
  });
  document.querySelectorAll("[data-i18n-placeholder]").forEach((node) => {
    node.setAttribute("placeholder", t(node.dataset.i18nPlaceholder));
  });
  document.querySelectorAll("[data-i18n-label]").forEach((node) => {
    node.setAttribute("aria-label", t(node.dataset.i18nLabel));
  });
}
