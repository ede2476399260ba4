"""MkDocs integration: the plugin object, the serve loop, the atomic publish, and the one adapter for MkDocs internals.

The only package that touches MkDocs or Material; `generators.render` writes bytes and knows nothing of them.
"""
