"""The benchmark's one exception."""


class BenchError(RuntimeError):
    """A measurement could not be taken (engine error, timeout, unbuilt site)."""
