"""Glossary enforcement: constraints from glossary hits, constrained decoding, post-edit and report.

* ``acceptance.find_accepted``/``accepts``: the one rule that decides whether English text satisfies
  a hit (any accepted form; possessive, plural and sentence-initial capital derived).
* ``plan.TermPlan``/``enforce.GlossaryTermPlan``: the pipeline's plan (constraints and their
  accepted forms before, post-edit, term records and alignment after); ``translate.pipeline.plan_terms``
  returns it.
* ``constraints``: per-segment hits and required English, first mentions tracked across a document.
* ``constrained_decoding.ConstrainedDecoder``: decoding that guarantees the required strings.
* ``prefix_forcing``/``ct2_forcing.PrefixForcer``: the same guarantee for CTranslate2 by prefix
  re-decoding; the backend is reached only through the ``ct2_forcing.PrefixDecoder`` protocol.
* ``postedit.post_edit``: unapproved English variants replaced by the required form.
* ``report``: per-document success rate and consistency from a JSONL run.
"""
