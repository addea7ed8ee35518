"""The French customer-facing texts: every vetted English text has its French, catalog
facts in French formats, and French quick replies the analyser understands."""

from __future__ import annotations

import pytest

from weedgo.compliance import responsible
from weedgo.compliance.jurisdictions import get_jurisdiction
from weedgo.compliance.policy import decide
from weedgo.config import Settings
from weedgo.domain import Category, Product, SessionInfo, StrainType
from weedgo.domain.turn import Analysis, Intent
from weedgo.i18n import fr_catalog
from weedgo.i18n.detect import detect_language
from weedgo.i18n.french import in_language, table
from weedgo.pipeline import fallback, knowledge, quick_replies, search
from weedgo.pipeline.analyze import analyze
from weedgo.pipeline.fallback import catalog_reply
from weedgo.pipeline.knowledge import templated_reply
from weedgo.pipeline.pitches import pitch_for

FLOWER = Product(
    id="WG-1", name="Blue Dream", brand="North Co", category=Category.FLOWER,
    strain_type=StrainType.HYBRID, thc_min=14.8, thc_max=21.0, size="3.5 g", price=32.99,
    stock=4, effects=["Relaxed", "Happy"], flavors=["Berry", "Sweet"],
)  # fmt: skip


def _english_texts() -> list[str]:
    texts = [
        getattr(responsible, name)
        for name in ("START_LOW", "EDIBLES_TIMING", "NO_ALCOHOL", "DRIVING", "MEDICAL",
                     "MEDICAL_ONLY", "OUT_OF_SCOPE", "INJECTION", "BUYING_FOR_MINOR",
                     "EDUCATION_ONLY_REMINDER")
    ]  # fmt: skip
    texts += [fallback.GREETING, fallback.GREETING_EDUCATION, fallback.NO_PRODUCTS]
    texts += [fallback.STORE_INFO, fallback.EDUCATION, *(fact for _, fact in fallback._FACTS)]
    texts += [topic.answer for topic in knowledge.TOPICS]
    texts += [*knowledge._GREETINGS, knowledge.THANKS, search.NOT_CARRIED]
    for chips in (quick_replies.EDUCATION_CHIPS, quick_replies.GREETING_CHIPS,
                  quick_replies.NO_RESULT_CHIPS, quick_replies.ASKING_CHIPS):  # fmt: skip
        texts += chips
    texts += [chip for _, chip in quick_replies._CATEGORY_CHIPS]
    texts += [*quick_replies._STRAIN_SWITCH.values(), "Something stronger?"]
    texts += ["Anything cheaper?", "Tell me more about the first one"]
    return texts


@pytest.mark.parametrize("english", _english_texts())
def test_every_vetted_text_has_its_french(english: str) -> None:
    french = in_language(english, "fr")
    assert french != english
    assert detect_language(french) == "fr", french
    assert in_language(english, "en") == english


def test_the_nearest_notes_in_french() -> None:
    english = search.nearest_note(
        search.SearchQuery(sort="relevance"), search.SearchQuery(sort="thc_asc")
    )
    assert in_language(english, "fr") == (
        "Rien en magasin ne correspond à tout ça; voici les plus doux que nous avons."
    )


def test_french_chips_say_what_the_english_chips_say() -> None:
    for english, french in table().items():
        if len(english) > 60 or not english.endswith(("?", "s", "p", "r", "0")):
            continue
        en, fr = analyze(english), analyze(french, language="fr")
        assert (en.category, en.strain_type, en.follow_up, en.max_price) == (
            fr.category, fr.strain_type, fr.follow_up, fr.max_price
        ), (english, french)  # fmt: skip


def test_numbers_are_written_the_french_way() -> None:
    assert fr_catalog.price(32.99) == "32,99 $"
    assert fr_catalog.number(14.8) == "14,8"
    assert fr_catalog.size("2 x 0.5 g") == "2 x 0,5 g"
    assert fr_catalog.size("10 pieces") == "10 morceaux"
    assert fr_catalog.potency(FLOWER) == "14,8-21 % de THC"


def test_a_french_pitch_names_the_product_as_sold_and_translates_the_rest() -> None:
    analysis = Analysis(intent=Intent.PRODUCT_SEARCH, language="fr", effects=["Relaxed"])
    pitch = pitch_for(FLOWER, analysis)
    assert "Blue Dream" in pitch and "fleur séchée hybride" in pitch
    assert "32,99 $" in pitch and "14,8-21 % de THC" in pitch
    assert "$32.99" not in pitch and "flower" not in pitch
    assert detect_language(pitch) == "fr"


def test_the_french_catalog_reply() -> None:
    analysis = Analysis(intent=Intent.PRODUCT_SEARCH, language="fr")
    reply = catalog_reply(analysis, [FLOWER])
    assert reply.endswith("Touchez une fiche pour voir les détails.")
    nothing = catalog_reply(analysis, [])
    assert nothing == in_language(fallback.NO_PRODUCTS, "fr")


def test_french_vetted_answers_and_store_facts() -> None:
    settings = Settings(store_name="Chez Leaf", store_hours="de 10 h à 22 h", _env_file=None)  # type: ignore[call-arg]
    terpenes = analyze("c'est quoi les terpènes?", language="fr")
    assert "terpènes" in (templated_reply(terpenes, "c'est quoi les terpènes?", settings) or "")
    hours = analyze("vos heures d'ouverture?", language="fr")
    reply = templated_reply(hours, "vos heures d'ouverture?", settings) or ""
    assert reply.startswith("Chez Leaf est ouverte de 10 h à 22 h.")
    thanks = analyze("merci!", language="fr")
    assert templated_reply(thanks, "merci!", settings) == in_language(knowledge.THANKS, "fr")


def test_compliance_decisions_in_french() -> None:
    quebec = get_jurisdiction("QC")
    session = SessionInfo(session_id="s-12345678", customer_id="c")
    minor = decide(analyze("j'ai 17 ans", language="fr"), session, quebec)
    assert minor.canned_reply is not None
    assert minor.canned_reply.startswith("Merci de me l'avoir dit. Au Québec, il faut avoir 21 ans")
    driving = decide(analyze("je peux conduire après avoir fumé?", language="fr"), session, quebec)
    assert in_language(responsible.DRIVING, "fr") in driving.guidance


def test_a_french_store_answers_french_first_questions_in_advance() -> None:
    from weedgo.pipeline.precompute import COMMON_FIRST_QUESTIONS, first_questions

    assert first_questions("en") == COMMON_FIRST_QUESTIONS
    french = first_questions("fr")[len(COMMON_FIRST_QUESTIONS) :]
    assert french and all(detect_language(question) == "fr" for question in french)
