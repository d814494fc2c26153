"""Text: what several stages read the same way, kept in one place: how news text is laid out
(``layout``: paragraphs, bylines, datelines, speaker labels, page lines) and the words read
alike everywhere (``words``: negations, hedges, verbs of belief)."""
