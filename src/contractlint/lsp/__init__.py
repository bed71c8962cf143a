"""``contractlint server``: the language server (SPEC section 9), on pygls and lsprotocol.

An optional extra (``pip install 'contractlint[lsp]'``): nothing outside this package
imports it, and this module imports nothing, so ``contractlint check`` never pays for it.
The modules, a job each:

- :mod:`.positions`: the one place where 1-based finding spans (code points) become
  LSP positions (0-based, in the negotiated encoding), and back;
- :mod:`.workspace`: workspace folders, each with its own configuration (reloaded when
  a configuration file changes), and the open buffers;
- :mod:`.linting`: the engine call ``check`` makes, on an unsaved buffer, with references
  read from the open buffers first;
- :mod:`.diagnostics`: findings as LSP diagnostics;
- :mod:`.actions`: code actions (``--fix``'s edits, suppressions, the baseline);
- :mod:`.schema_help`: hover and completion from the kinds' JSON Schemas;
- :mod:`.server`: the pygls server that wires them to the protocol.
"""

INSTALL_HINT = (
    "contractlint server needs the language-server extra: pip install 'contractlint[lsp]'"
)
