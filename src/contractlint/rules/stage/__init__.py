"""Codes that a pipeline stage reports (a parse error, a duplicate key, a schema
violation, an unused suppression...): their modules hold the documentation and
metadata; the stage that meets the problem reports it."""
