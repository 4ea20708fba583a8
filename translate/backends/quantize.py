"""Dynamic int8 quantization of a transformers model's Linear layers, for CPU inference.

``torch.ao.quantization.quantize_dynamic`` stores Linear weights as int8 and quantizes activations on
the fly. It helps on CPU (fewer bytes per weight read, int8 GEMM kernels) and does nothing on CUDA, so
``quantize_linear_int8`` refuses models that are not on the CPU. Measured numbers are in
``bench/translate_speed.py`` (engine ``transformers int8-dynamic``); CTranslate2 int8 is faster still.
"""

from __future__ import annotations

import warnings
from typing import Any

import torch


def quantize_linear_int8(model: Any, inplace: bool = True) -> Any:
    """``model`` with its ``nn.Linear`` layers dynamically quantized to int8 (CPU only).

    In place by default (a copy would hold the float32 weights twice).
    """
    device = next(model.parameters()).device
    if device.type != "cpu":
        raise ValueError(f"dynamic int8 quantization runs on the CPU only (model is on {device})")
    from torch.ao.quantization import quantize_dynamic

    with warnings.catch_warnings():  # torch announces the move of this API to torchao
        warnings.simplefilter("ignore")
        return quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8, inplace=inplace)
