"""The text of one article, read once: sentences, paragraphs, words, numbers, capitalised runs, lemmas.

Everything here is shared by the extractors of stage 2 (:mod:`crosswire.extract`) and knows
nothing of them: it turns text into spans and normal forms.
"""
