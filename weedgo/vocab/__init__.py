"""A trimmed vocabulary: the same model, paying only for the tokens English and French use.

Gemma 3's output layer is its 262,144-row token embedding, about two thirds of each
generated token's compute. :mod:`weedgo.vocab.derive` chooses the pieces that English
and French text use, :mod:`weedgo.vocab.closure` adds the pieces the tokenizer passes
through on its way to them, :mod:`weedgo.vocab.trim` writes a GGUF with only those rows
and renumbered token ids, and :mod:`weedgo.vocab.files` makes and verifies it at set-up.
"""
