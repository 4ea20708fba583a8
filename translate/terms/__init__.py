"""Glossary enforcement: constraints from glossary hits, constrained decoding, post-edit and report.

* ``enforce.GlossaryTermPlan``: the pipeline's ``TermPlan`` (constraints before, post-edit, term
  records and alignment after); ``translate.pipeline.plan_terms`` returns it.
* ``constraints``: per-segment hits and required English, first mentions tracked across a document.
* ``constrained_decoding.ConstrainedDecoder``: decoding that guarantees the required strings.
* ``postedit.post_edit``: unapproved English variants replaced by the required form.
* ``report``: per-document success rate and consistency from a JSONL run.
"""
