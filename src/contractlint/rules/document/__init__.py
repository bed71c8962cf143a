"""Rules that read one document and report what makes it unsafe to ship, each a pure
``check(document, options)``."""
