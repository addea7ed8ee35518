"""Request and response bodies of the public API."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator

from weedgo.domain.turn import Author, ProductCard
from weedgo.pipeline.context import SESSION_ID_PATTERN


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=False)

    message: str = Field(
        description="The customer's message: 1 to WEEDGO_MAX_MESSAGE_CHARS (1000) characters, "
        "not only spaces; a longer one gets 413",
        json_schema_extra={"minLength": 1, "pattern": r"\S"},
    )
    customer_id: str = Field(min_length=1, max_length=128, description="The store's customer id")
    session_id: str | None = Field(
        default=None, pattern=SESSION_ID_PATTERN, description="Omit to start a new session"
    )
    language: str | None = Field(
        default=None,
        pattern=r"^[a-z]{2}(-[A-Za-z]{2})?$",
        description="The reply's language when the customer or the integrator chose it "
        "(en, fr); omit it to answer in the language the message is written in",
    )
    page_language: str | None = Field(
        default=None,
        pattern=r"^[a-z]{2}(-[A-Za-z]{2})?$",
        description="The language the page shows, used when the message does not say",
    )
    age_verified: StrictBool | None = Field(
        default=None, description="The storefront confirmed the customer's age"
    )

    @field_validator("message")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the message is empty; write a question for the budtender")
        return value

    @field_validator("message", "customer_id")
    @classmethod
    def _whole_characters(cls, value: str) -> str:
        """JSON's ``\\ud800`` escapes can carry half a character; no text is made of those."""
        if any("\ud800" <= char <= "\udfff" for char in value):
            raise ValueError(
                "contains half of a character (an unpaired surrogate); send UTF-8 text"
            )
        return value


class ChatResponse(BaseModel):
    message: str
    products: list[ProductCard]
    quick_replies: list[str]
    intent: str
    session_id: str
    cached: bool
    grounded: bool
    fallback: bool = Field(
        default=False, description="The model was asked and none of its text is in the reply"
    )
    authors: list[Author] = Field(
        default_factory=list,
        description="Who wrote each part of the reply, in order: model, knowledge, refusal, "
        "catalog, fallback, guidance",
    )
    response_time_ms: float
    ttft_ms: float | None = None
    model: str
    degraded: list[str] = Field(
        default_factory=list,
        description="What failed in this turn: sessions (the session could not be read), "
        "history, catalog (the reply says the catalog is unavailable); such a reply is "
        "never cached",
    )
    stored: bool = Field(
        default=True,
        description="The turn is in the session's history; false when the database "
        "could not store it",
    )
