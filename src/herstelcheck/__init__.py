"""herstelcheck: audit a municipality's recovery plan for the local economy against the
ten items of the VNG Top 10 checklist (May 2021)."""

__version__ = "1.1.0"
