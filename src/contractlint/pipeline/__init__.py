"""The stages that take one file to its findings: discover, sniff, read (source), load
(loader, jsonparse), locate, link (references), validate (validate, schemacheck), select
(suppress) and the engine that runs them for one file (see docs/architecture.md)."""
