"""Input formats: each module here registers its reader with :func:`corpus.registry.register_reader`.

Every module of this package is imported on first use of the registry, so adding a format is
adding one module.
"""
