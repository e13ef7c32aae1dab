"""MLOps Roadmap Planner: assess MLOps maturity, sequence a roadmap, export an investment case."""

__version__ = "0.1.0"
