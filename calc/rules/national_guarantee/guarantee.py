"""Placeholder: filled by the estimator's implementation."""
