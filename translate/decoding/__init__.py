"""Decoding algorithms that guarantee required English strings: below the backends, above the models.

* ``acceptance.find_accepted``/``accepts``: the one rule that decides whether English text satisfies
  a term (any accepted form; possessive, plural and sentence-initial capital derived).
* ``constrained_decoding.ConstrainedDecoder``: the transformers decoding loop with constraints.
* ``prefix_forcing`` (plans) and ``ct2_forcing.PrefixForcer`` (runs): the same guarantee for
  CTranslate2 by prefix re-decoding; the backend is reached only through ``ct2_forcing.PrefixDecoder``.

Imports run backends -> decoding -> models; nothing here imports the backends, the terms layer
(plans, post-edit, reports) or the pipeline (``tests/test_import_graph.py``).
"""
