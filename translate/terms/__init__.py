"""Glossary enforcement: constraints from glossary hits, the pipeline's term plan, post-edit, report.

* ``plan.TermPlan``/``enforce.GlossaryTermPlan``: the pipeline's plan (constraints and their
  accepted forms before, post-edit, term records and alignment after); ``translate.pipeline.plan_terms``
  returns it.
* ``constraints``: per-segment hits and required English, first mentions tracked across a document.
* ``postedit.post_edit``: unapproved English variants replaced by the required form.
* ``report``: per-document success rate and consistency from a JSONL run.

The decoding algorithms that place the terms (and the acceptance rule) are in ``translate.decoding``,
below the backends; this package sits above them and below the pipeline.
"""
