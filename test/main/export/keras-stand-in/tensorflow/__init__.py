"""A numpy stand-in for the few parts of tf.keras the exported Keras script uses, with Keras's semantics
(channels-last convolution with (k, k, C, F) kernels, x @ kernel dense layers, 1-based Permute dims), so the
script's layout conversion is checked where TensorFlow is not installed. Inference only; training is not modelled.
"""
import math as _math

import numpy as _np

from . import keras  # noqa: F401


def cast(x, dtype):
    return _np.asarray(x).astype(dtype)


class math:
    erf = staticmethod(_np.vectorize(_math.erf))
