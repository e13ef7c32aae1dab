"""Workshop mode: a room scores its MLOps maturity on a projector, capability by
capability, with vote rounds, a timebox and wrap-up screens."""
