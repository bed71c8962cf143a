"""Breaking-change rules for ``contractlint diff``: each a pure ``compare(old, new,
options)`` over two versions of one document."""
