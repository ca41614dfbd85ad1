"""The cross-vendor TLS scenarios: written once, run on every profile through its document's socket driver."""
