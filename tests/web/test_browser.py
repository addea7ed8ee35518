"""The chat page in headless Chromium against the real service (fake engine)."""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from weedgo.engine.fake import FakeEngine

pytestmark = pytest.mark.browser

WEB = Path(__file__).resolve().parents[2] / "weedgo" / "web"
SEED = "show me some indica strains for sleep"
MODEL_ONLY = "show me indica flower"  # with WEEDGO_LEAD_REPLY=false the model writes it whole
BUSY = "We're busy, please try again in a moment."
PRICE = re.compile(r"^\$\d+\.\d{2}$")
PageFactory = Callable[..., Any]
ServerFactory = Callable[..., str]


# --- helpers -----------------------------------------------------------------------------
@contextmanager
def store_page(html: str) -> Iterator[str]:
    """A store's own page, served from another loopback origin."""
    body = html.encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_address[1]}/store.html"
    finally:
        server.shutdown()
        server.server_close()


def expected_age(base_url: str) -> int:
    response = httpx.get(f"{base_url}/api/v1/store")
    if response.status_code == 404:
        return 19
    return int(response.json()["jurisdiction"]["minimum_age"])


def confirm_age(page: Any) -> None:
    page.get_by_role("button", name=re.compile(r"^Yes, I am")).click()
    assert page.locator("#message").is_enabled()


def ask(page: Any, text: str) -> None:
    page.locator("#message").fill(text)
    page.locator("#message").press("Enter")


def wait_replies(page: Any, count: int) -> None:
    page.locator('.msg.bot[aria-busy="false"]').nth(count - 1).wait_for()
    assert page.locator(".msg.bot").count() == count


def eventually(page: Any, condition: Callable[[], bool], what: str) -> None:
    """Let Playwright deliver its events until ``condition`` holds (or fail after 5 s)."""
    for _ in range(250):
        if condition():
            return
        page.wait_for_timeout(20)
    raise AssertionError(f"timed out waiting for {what}")


def record_frames(page: Any) -> dict[str, list[dict[str, Any]]]:
    """JSON frames the page sends and receives on its WebSocket."""
    frames: dict[str, list[dict[str, Any]]] = {"sent": [], "received": []}

    def watch(ws: Any) -> None:
        ws.on("framesent", lambda payload: frames["sent"].append(json.loads(payload)))
        ws.on("framereceived", lambda payload: frames["received"].append(json.loads(payload)))

    page.on("websocket", watch)
    return frames


def wait_frames(page: Any, frames: dict[str, list[dict[str, Any]]], turns: int) -> None:
    """Wait until ``turns`` chat messages went out and as many turns ended."""
    ended = ("done", "error")
    eventually(
        page,
        lambda: (
            len(chat_frames(frames)) >= turns
            and sum(f.get("type") in ended for f in frames["received"]) >= turns
        ),
        f"{turns} turns on the socket",
    )


def chat_frames(frames: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return [frame for frame in frames["sent"] if "message" in frame]


def metas(frames: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return [frame for frame in frames["received"] if frame.get("type") == "meta"]


def stream_requests(page: Any) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if r.url.endswith("/chat/stream") else None)
    return seen


def watch_text_lengths(page: Any) -> None:
    """Record the length of the newest reply each time the page changes it."""
    page.evaluate(
        """() => {
          window.__lengths = [];
          new MutationObserver(() => {
            const replies = document.querySelectorAll('#log .msg.bot .text');
            const last = replies[replies.length - 1];
            if (last) window.__lengths.push(last.textContent.length);
          }).observe(document.getElementById('log'),
                     {subtree: true, childList: true, characterData: true});
        }"""
    )


# --- age gate ----------------------------------------------------------------------------
def test_age_gate_must_be_confirmed_before_chatting(base_url: str, new_page: PageFactory) -> None:
    page = new_page(base_url)
    age = expected_age(base_url)
    assert page.locator("#message").is_disabled()
    assert page.get_by_role("heading", name=f"Are you {age} or older?").is_visible()
    assert page.locator("body").get_attribute("data-minimum-age") == str(age)

    page.get_by_role("button", name="No", exact=True).click()
    assert page.get_by_role("alert").filter(has_text="or older to use this chat").is_visible()
    assert page.locator("#message").is_disabled()

    confirm_age(page)
    assert page.evaluate("document.activeElement.id") == "message"
    assert page.locator("#age-gate").is_hidden()
    customer = page.evaluate("localStorage.getItem('weedgo.customer_id')")
    assert re.fullmatch(r"web-[0-9a-f]{32}", customer)

    page.reload()
    page.locator("#message").wait_for()
    page.wait_for_function("!document.getElementById('composer-fields').disabled")
    assert page.locator("#age-gate").is_hidden()
    assert page.evaluate("localStorage.getItem('weedgo.customer_id')") == customer


def test_age_and_length_limit_follow_the_store(serve: ServerFactory, new_page: PageFactory) -> None:
    url = serve(FakeEngine(), jurisdiction="AB", max_message_chars=50)
    page = new_page(url)
    page.get_by_role("heading", name="Are you 18 or older?").wait_for()
    assert page.locator("#age-gate").inner_text().count("Alberta") == 1
    confirm_age(page)
    page.locator("#message").fill("y" * 51)
    assert page.locator("#counter").inner_text() == "51 / 50"
    assert "50 characters" in page.locator("#composer-error").inner_text()


def test_keyboard_only_use_with_visible_focus(base_url: str, new_page: PageFactory) -> None:
    page = new_page(base_url)
    page.get_by_role("button", name=re.compile(r"^Yes, I am")).wait_for()
    page.wait_for_function("!document.getElementById('age-yes').disabled")
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "age-yes":
            break
    assert page.evaluate("document.activeElement.id") == "age-yes"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "message"
    page.keyboard.type("what vapes do you have?")
    page.keyboard.press("Enter")
    wait_replies(page, 1)
    assert page.locator("#log .msg.user .text").inner_text() == "what vapes do you have?"


# --- chatting ----------------------------------------------------------------------------
def test_product_question_streams_text_and_shows_cards(
    base_url: str, new_page: PageFactory
) -> None:
    page = new_page(base_url)
    frames = record_frames(page)
    confirm_age(page)
    watch_text_lengths(page)
    ask(page, SEED)
    wait_replies(page, 1)
    wait_frames(page, frames, 1)

    sent = chat_frames(frames)[0]
    assert sent["message"] == SEED
    assert sent["age_verified"] is True
    assert sent["customer_id"].startswith("web-")
    assert "session_id" not in sent
    tokens = [frame for frame in frames["received"] if frame.get("type") == "token"]
    products = metas(frames)[0]["products"]
    # the catalog's sentence about the first card comes first, then the model's own
    assert len(tokens) >= 2, "the reply should arrive in parts"
    assert products[0]["name"] in tokens[0]["text"]
    lengths = page.evaluate("window.__lengths")
    assert len({n for n in lengths if n > 0}) >= 2, "the text should grow as parts arrive"

    done = next(frame for frame in frames["received"] if frame.get("type") == "done")
    assert page.locator(".msg.bot .text").inner_text().strip() == done["message"].strip()
    cards = page.locator(".msg.bot .card")
    assert cards.count() == len(products) > 0
    first = cards.first
    assert first.locator(".card-name").inner_text() == products[0]["name"]
    assert first.locator(".card-brand").inner_text() == products[0]["brand"]
    assert "Indica" in first.locator(".card-kind").inner_text()
    assert re.search(r"THC [\d.–]+(%| mg)", first.locator(".card-potency").inner_text())
    assert PRICE.match(first.locator(".card-price").inner_text())
    assert first.locator(".stock").inner_text() in ("In stock", "Out of stock")
    assert first.locator(".card-pitch").inner_text() == products[0]["pitch"]
    assert page.locator("#send").is_enabled()


def test_replaced_reply_is_swapped_for_the_final_text(
    serve: ServerFactory, new_page: PageFactory
) -> None:
    engine = FakeEngine(delay_s=0.02)
    page = new_page(serve(engine, lead_reply=False))
    frames = record_frames(page)
    confirm_age(page)
    # the model writes the whole reply: its first sentence streams, the second is a claim
    engine.enqueue("A calm pick for the evening. This strain cures insomnia and treats anxiety.")
    ask(page, MODEL_ONLY)
    wait_replies(page, 1)
    wait_frames(page, frames, 1)
    done = next(frame for frame in frames["received"] if frame.get("type") == "done")
    assert done["replaced"] is True
    shown = page.locator(".msg.bot .text").inner_text()
    assert shown.strip() == done["message"].strip()
    assert "cures" not in shown


def test_quick_reply_sends_its_text(base_url: str, new_page: PageFactory) -> None:
    page = new_page(base_url)
    frames = record_frames(page)
    confirm_age(page)
    ask(page, "do you have any sativa flower for energy?")
    wait_replies(page, 1)
    chip = page.locator(".quick-replies .chip").first
    text = chip.inner_text()
    chip.click()
    wait_replies(page, 2)
    wait_frames(page, frames, 2)
    assert page.locator(".msg.user .text").nth(1).inner_text() == text
    assert chat_frames(frames)[1]["message"] == text
    assert page.locator(".quick-replies").count() <= 1, "old suggestions are cleared"


def test_follow_up_stays_in_the_same_session(base_url: str, new_page: PageFactory) -> None:
    page = new_page(base_url)
    frames = record_frames(page)
    confirm_age(page)
    ask(page, "any indica edibles?")
    wait_replies(page, 1)
    ask(page, "anything cheaper?")
    wait_replies(page, 2)
    wait_frames(page, frames, 2)
    session = metas(frames)[0]["session_id"]
    assert chat_frames(frames)[1]["session_id"] == session
    assert metas(frames)[1]["session_id"] == session


def test_new_conversation_clears_the_session(base_url: str, new_page: PageFactory) -> None:
    page = new_page(base_url)
    frames = record_frames(page)
    confirm_age(page)
    ask(page, "hybrid pre-rolls please")
    wait_replies(page, 1)
    page.get_by_role("button", name="New conversation").click()
    assert page.locator("#log > li").count() == 0
    assert page.evaluate("document.activeElement.id") == "message"
    ask(page, "hybrid pre-rolls please")
    wait_replies(page, 1)
    wait_frames(page, frames, 2)
    second = chat_frames(frames)[1]
    assert "session_id" not in second
    assert metas(frames)[1]["session_id"] != metas(frames)[0]["session_id"]


def test_server_sent_events_when_the_socket_is_unavailable(
    base_url: str, new_page: PageFactory
) -> None:
    page = new_page(base_url, block_ws=True)
    streams = stream_requests(page)
    confirm_age(page)
    ask(page, "show me a cbd oil")
    wait_replies(page, 1)
    assert len(streams) == 1
    assert page.locator(".msg.bot .text").inner_text().strip()
    assert page.locator(".msg.bot .turn-error").count() == 0
    ask(page, "and a cheaper one?")
    wait_replies(page, 2)
    assert len(streams) == 2


def test_lost_connection_retries_and_reconnects(base_url: str, new_page: PageFactory) -> None:
    page = new_page(base_url)
    state: dict[str, Any] = {"connections": 0, "forwarded": []}

    def route(ws: Any) -> None:
        state["connections"] += 1
        server = ws.connect_to_server()
        drop = state["connections"] == 1

        def from_page(message: str | bytes) -> None:
            if drop and "customer_id" in str(message):
                ws.close()
                return
            state["forwarded"].append(message)
            server.send(message)

        ws.on_message(from_page)

    page.route_web_socket(re.compile(r".*/ws/chat$"), route)
    streams = stream_requests(page)
    confirm_age(page)
    ask(page, "indica flower for sleep")
    wait_replies(page, 1)
    assert len(streams) == 1, "the dropped turn is retried over Server-Sent Events"
    assert page.locator(".msg.bot .turn-error").count() == 0
    assert page.locator(".msg.bot .text").inner_text().strip()

    for _ in range(100):
        if state["connections"] >= 2:
            break
        page.wait_for_timeout(100)
    assert state["connections"] >= 2, "the socket reconnects by itself"
    page.wait_for_timeout(200)
    ask(page, "any sativa vapes?")
    wait_replies(page, 2)
    assert len(streams) == 1
    assert any("sativa vapes" in str(message) for message in state["forwarded"])


# --- errors ------------------------------------------------------------------------------
def test_too_long_message_is_explained_and_not_sent(base_url: str, new_page: PageFactory) -> None:
    page = new_page(base_url)
    confirm_age(page)
    page.locator("#message").fill("x" * 1001)
    assert page.locator("#counter").inner_text() == "1001 / 1000"
    assert "over" in (page.locator("#counter").get_attribute("class") or "")
    assert "too long" in page.locator("#composer-error").inner_text()
    page.get_by_role("button", name="Send").click()
    assert page.locator(".msg.user").count() == 0
    assert page.locator("#send").is_enabled()
    assert page.locator("#message").input_value() == "x" * 1001

    page.locator("#message").fill("what edibles do you have?")
    assert page.locator("#composer-error").inner_text() == ""
    page.locator("#message").press("Enter")
    wait_replies(page, 1)


@pytest.mark.parametrize("block_ws", [False, True], ids=["websocket", "sse"])
def test_busy_server_is_explained_in_plain_words(
    busy_url: str, new_page: PageFactory, block_ws: bool
) -> None:
    page = new_page(busy_url, block_ws=block_ws)
    confirm_age(page)
    ask(page, MODEL_ONLY)  # the model writes the whole reply here, and it is busy
    error = page.locator(".msg.bot .turn-error")
    error.wait_for()
    assert error.locator("p").inner_text() == BUSY
    assert page.locator("#send").is_enabled()
    error.get_by_role("button", name="Try again").click()
    page.locator(".msg.bot .turn-error").wait_for()
    page.wait_for_function("!document.getElementById('send').disabled")
    assert page.locator(".msg.user").count() == 1, "a retry replaces the failed turn"
    assert page.locator(".msg.bot .turn-error p").inner_text() == BUSY


# --- layout, embedding, safety -----------------------------------------------------------
@pytest.mark.parametrize(("width", "height"), [(375, 740), (1080, 1920)], ids=["phone", "kiosk"])
def test_layout_fits_phone_and_kiosk(
    base_url: str, new_page: PageFactory, width: int, height: int
) -> None:
    page = new_page(base_url, width=width, height=height)
    confirm_age(page)
    ask(page, "indica flower under $40")
    wait_replies(page, 1)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator("#send").bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= width
    assert box["y"] + box["height"] <= height


def test_widget_opens_the_chat_in_an_iframe(base_url: str, new_page: PageFactory) -> None:
    html = (
        f'<!doctype html><html><body><h1>Store</h1><script src="{base_url}/widget.js" '
        f'data-weedgo-url="{base_url}"></script></body></html>'
    )
    with store_page(html) as store_url:
        page = new_page(store_url)
        button = page.get_by_role("button", name="Chat with our budtender")
        assert button.get_attribute("aria-expanded") == "false"
        button.click()
        frame = page.locator("iframe[title='Budtender chat']")
        assert frame.get_attribute("src") == f"{base_url}/"
        inner = page.frame_locator("iframe[title='Budtender chat']")
        inner.get_by_role("heading", name=re.compile(r"^Are you \d+ or older\?$")).wait_for()
        page.get_by_role("button", name="Close chat").click()
        assert frame.is_hidden()
        assert button.get_attribute("aria-expanded") == "false"


def test_page_sets_server_text_only_as_text() -> None:
    scripts = sorted(WEB.glob("*.js"))
    assert {"app.js", "widget.js"} <= {script.name for script in scripts}
    for script in scripts:
        source = script.read_text()
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in source, f"{script.name} uses {sink}"


def test_screenshot_after_a_product_question(
    base_url: str, new_page: PageFactory, serve: ServerFactory, tmp_path: Path
) -> None:
    """Set WEEDGO_SCREENSHOT=docs/screenshot.png to refresh the picture in the docs
    (then the page talks to the real packaged model, as a customer would see it)."""
    wanted = os.environ.get("WEEDGO_SCREENSHOT")
    target = Path(wanted or tmp_path / "screenshot.png")
    if wanted:
        from weedgo.config import Settings
        from weedgo.engine.model_files import ensure_model

        model = ensure_model(Settings(data_dir=Path("data"), _env_file=None))  # type: ignore[call-arg]
        base_url = serve(None, engine="llama", model_path=model)
    page = new_page(base_url, width=1000, height=800)
    confirm_age(page)
    ask(page, SEED)
    wait_replies(page, 1)
    page.locator(".quick-replies").wait_for()
    page.locator("#message").blur()
    page.screenshot(path=str(target))
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
