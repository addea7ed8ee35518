"""The chat page in French, in headless Chromium against the real service (fake engine)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.web.test_browser import ask, store_page, wait_replies
from weedgo.engine.fake import FakeEngine
from weedgo.i18n.detect import detect_language

pytestmark = pytest.mark.browser


def _french_engine() -> FakeEngine:
    return FakeEngine(
        responder=lambda prompt: (
            "Voici quelques options de notre menu."
            if "-fr1)" in prompt[:80]
            else "Here are a few options from our menu."
        )
    )


def confirm_age_fr(page: Any) -> None:
    page.get_by_role("button", name=re.compile(r"^Oui, j'ai \d+ ans ou plus$")).click()
    assert page.locator("#message").is_enabled()


def test_switch_to_french_and_chat(serve: Any, new_page: Any) -> None:
    url = serve(_french_engine())
    page = new_page(url)
    assert page.evaluate("document.documentElement.lang") == "en"
    page.get_by_role("button", name="Afficher en français").click()
    assert page.evaluate("document.documentElement.lang") == "fr"
    page.get_by_role("heading", name=re.compile(r"^Avez-vous \d+ ans ou plus\?$")).wait_for()
    assert page.get_by_role("button", name="Show in English").is_visible()
    confirm_age_fr(page)
    assert page.locator("#send").inner_text() == "Envoyer"
    assert page.locator("#message").get_attribute("placeholder") == "p. ex. des indicas pour dormir"

    ask(page, "avez-vous des fleurs indica à moins de 40 $?")
    wait_replies(page, 1)
    reply = page.locator(".msg.bot .text").first.inner_text()
    assert detect_language(reply) == "fr", reply
    card = page.locator(".card").first
    assert "Fleur séchée" in card.locator(".card-kind").inner_text()
    assert re.fullmatch(r"\d+,\d{2}\s\$", card.locator(".card-price").inner_text())
    assert card.locator(".stock").inner_text() == "En stock"
    assert "$" in card.locator(".card-pitch").inner_text()
    chips = page.locator(".quick-replies .chip")
    assert detect_language(" ".join(chips.all_inner_texts())) == "fr"

    page.get_by_role("button", name="Moins cher?").click()
    wait_replies(page, 2)
    assert detect_language(page.locator(".msg.bot .text").nth(1).inner_text()) == "fr"

    page.reload()  # the customer's choice is remembered
    page.locator("#message").wait_for()
    page.wait_for_function("document.documentElement.lang === 'fr'")


def test_the_store_default_and_an_english_question(serve: Any, new_page: Any) -> None:
    url = serve(_french_engine(), default_language="fr")
    page = new_page(url)
    page.wait_for_function("document.documentElement.lang === 'fr'")
    confirm_age_fr(page)
    ask(page, "do you have any sativa pre-rolls?")  # no choice made: the words decide
    wait_replies(page, 1)
    reply = page.locator(".msg.bot .text").first.inner_text()
    assert detect_language(reply) == "en", reply


def test_a_french_error_in_plain_words(serve: Any, new_page: Any) -> None:
    from tests.web.conftest import BusyEngine

    url = serve(BusyEngine(), enable_caching=False, default_language="fr", lead_reply=False)
    page = new_page(url)
    confirm_age_fr(page)
    # an English question the busy model must answer whole (a French one is built from the
    # catalog): the page's own words explain the refusal
    ask(page, "show me indica flower")
    error = page.locator(".msg.bot .turn-error")
    error.wait_for()
    assert error.locator("p").inner_text() == "Nous sommes occupés; réessayez dans un instant."
    assert error.get_by_role("button", name="Réessayer").is_visible()


def test_the_widget_opens_in_the_host_page_language(base_url: str, new_page: Any) -> None:
    html = (
        f'<!doctype html><html lang="fr-CA"><body><h1>Boutique</h1><script '
        f'src="{base_url}/widget.js" data-weedgo-url="{base_url}"></script></body></html>'
    )
    with store_page(html) as store_url:
        page = new_page(store_url)
        page.get_by_role("button", name="Parler à notre conseiller").click()
        frame = page.locator("iframe[title='Clavardage avec notre conseiller']")
        assert frame.get_attribute("src") == f"{base_url}/?lang=fr"
        inner = page.frame_locator("iframe[title='Clavardage avec notre conseiller']")
        inner.get_by_role("heading", name=re.compile(r"^Avez-vous \d+ ans ou plus\?$")).wait_for()
        page.get_by_role("button", name="Fermer le clavardage").click()


def test_the_french_page_fits_a_phone(serve: Any, new_page: Any, tmp_path: Path) -> None:
    url = serve(_french_engine(), default_language="fr")
    page = new_page(url, width=375, height=740)
    confirm_age_fr(page)
    ask(page, "des préroulés sativa à moins de 20 $")
    wait_replies(page, 1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=str(tmp_path / "fr-phone.png"))
