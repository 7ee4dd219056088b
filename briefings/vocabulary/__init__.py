"""Vocabulary: the words the domain knows (lexicon, measures, sides), read from the data files."""
