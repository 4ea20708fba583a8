"""The transformers API names that moved in 5.x: Dragoman decodes without a deprecation warning.

transformers 5.24 renamed the key/value cache argument of ``forward`` from ``past_key_values`` to
``cache`` and warns on every decoding step that uses the old name; an older 5.x has only the old name.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from types import SimpleNamespace

import pytest
from terms_fixtures import one_torch_thread

from translate.decoding.constrained_decoding import ConstrainedDecoder
from translate.models.hf_compat import cache_argument_name, cache_kwargs, returned_cache

SENTENCE = "امامعلی رحمان با دبیرکل سازمان پیمان امنیت جمعی در دوشنبه دیدار کرد."


class _OldStyleModel:
    def forward(self, input_ids=None, past_key_values=None, use_cache=None):
        """A transformers < 5.24 signature."""


class _NewStyleModel:
    def forward(self, input_ids=None, cache=None, use_cache=None):
        """A transformers >= 5.24 signature."""


def test_the_cache_goes_under_the_name_the_model_declares() -> None:
    assert cache_argument_name(_OldStyleModel) == "past_key_values"
    assert cache_argument_name(_NewStyleModel) == "cache"
    assert cache_kwargs(_OldStyleModel(), "kv") == {"past_key_values": "kv"}
    assert cache_kwargs(_NewStyleModel(), None) == {"cache": None}


def test_the_returned_cache_is_read_under_either_name() -> None:
    from transformers import M2M100ForConditionalGeneration
    from transformers.modeling_outputs import Seq2SeqLMOutput

    field = cache_argument_name(M2M100ForConditionalGeneration)  # the installed release's name
    installed = Seq2SeqLMOutput(logits=1, **{field: "kv"})
    assert returned_cache(installed) == "kv"
    assert returned_cache(SimpleNamespace(logits=1, past_key_values="old")) == "old"


@pytest.mark.parametrize("family", ["nllb", "marian"])
@pytest.mark.parametrize("beam", [1, 4])
def test_constrained_decoding_raises_no_library_warning(
    family: str, beam: int, tiny_nllb_dir: Path, tiny_marian_dir: Path
) -> None:
    """The installed transformers is the judge: any warning it prints during decoding fails the test."""
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    directory = tiny_nllb_dir if family == "nllb" else tiny_marian_dir
    tokenizer = AutoTokenizer.from_pretrained(directory)
    if family == "nllb":
        tokenizer.src_lang = "pes_Arab"
    model = AutoModelForSeq2SeqLM.from_pretrained(directory).eval()
    encoded = tokenizer(SENTENCE, return_tensors="pt")
    with one_torch_thread(), warnings.catch_warnings():
        warnings.simplefilter("error")
        result = ConstrainedDecoder(model, tokenizer).decode(
            encoded["input_ids"], encoded["attention_mask"], ["CSTO", "Dushanbe"], beam, 24
        )
    assert "CSTO" in result.text and "Dushanbe" in result.text
