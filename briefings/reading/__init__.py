"""Reading articles: bytes of text, Markdown or HTML in, one clean SourceText with its metadata out."""
