"""contractlint: lints model contracts, experiment plans, framing one-pagers, checklists."""

__version__ = "0.2.0"
