import numpy as np


class Layer:
    shapes = ()

    def __init__(self, *args, name=None, **kwargs):
        self.args, self.kwargs = args, kwargs
        self.name = name or type(self).__name__.lower()

    def build(self, shape):
        return shape

    def set_weights(self, weights):
        """Refuses what Keras refuses: a wrong count or shape."""
        if len(weights) != len(self.shapes):
            raise ValueError(f"{self.name}: {len(weights)} weights, expected {len(self.shapes)}")
        for w, shape in zip(weights, self.shapes):
            if tuple(w.shape) != tuple(shape):
                raise ValueError(f"{self.name}: weight shape {w.shape}, expected {shape}")
        self.weights = [np.asarray(w, dtype="float64") for w in weights]

    def __call__(self, x):
        return x


class Dense(Layer):
    def build(self, shape):
        units = self.args[0]
        self.shapes = [(shape[-1], units)] + ([(units,)] if self.kwargs.get("use_bias", True) else [])
        return shape[:-1] + (units,)

    def __call__(self, x):
        y = x @ self.weights[0]
        return y + self.weights[1] if len(self.weights) > 1 else y


def _windows(x, k, s):
    n, h, w, _ = x.shape
    for i in range((h - k) // s + 1):
        for j in range((w - k) // s + 1):
            yield i, j, x[:, i * s:i * s + k, j * s:j * s + k, :]


class Conv2D(Layer):
    def build(self, shape):  # (H, W, C)
        filters, self.k = self.args[0], self.args[1]
        self.s = self.kwargs.get("strides", 1)
        self.shapes = [(self.k, self.k, shape[2], filters)] + ([(filters,)] if self.kwargs.get("use_bias", True) else [])
        return ((shape[0] - self.k) // self.s + 1, (shape[1] - self.k) // self.s + 1, filters)

    def __call__(self, x):
        n, h, w, _ = x.shape
        out = np.zeros((n, (h - self.k) // self.s + 1, (w - self.k) // self.s + 1, self.weights[0].shape[3]))
        for i, j, patch in _windows(x, self.k, self.s):
            out[:, i, j, :] = np.tensordot(patch, self.weights[0], axes=([1, 2, 3], [0, 1, 2]))
        return out + self.weights[1] if len(self.weights) > 1 else out


class ZeroPadding2D(Layer):
    def build(self, shape):
        p = self.args[0]
        return (shape[0] + 2 * p, shape[1] + 2 * p, shape[2])

    def __call__(self, x):
        p = self.args[0]
        return np.pad(x, ((0, 0), (p, p), (p, p), (0, 0)))


class _Pooling(Layer):
    def build(self, shape):
        self.k = self.args[0]
        self.s = self.kwargs.get("strides", self.k)
        return ((shape[0] - self.k) // self.s + 1, (shape[1] - self.k) // self.s + 1, shape[2])

    def __call__(self, x):
        n, h, w, c = x.shape
        out = np.zeros((n, (h - self.k) // self.s + 1, (w - self.k) // self.s + 1, c))
        for i, j, patch in _windows(x, self.k, self.s):
            out[:, i, j, :] = self.reduce(patch, axis=(1, 2))
        return out


class MaxPooling2D(_Pooling):
    reduce = staticmethod(np.max)


class AveragePooling2D(_Pooling):
    reduce = staticmethod(np.mean)


class Permute(Layer):
    def build(self, shape):
        return tuple(shape[d - 1] for d in self.args[0])

    def __call__(self, x):
        return np.transpose(x, (0,) + tuple(self.args[0]))


class Flatten(Layer):
    def build(self, shape):
        return (int(np.prod(shape)),)

    def __call__(self, x):
        return x.reshape(len(x), -1)


class Dropout(Layer):
    pass


class BatchNormalization(Layer):
    def build(self, shape):
        self.shapes = [(shape[-1],)] * 4
        return shape

    def __call__(self, x):
        gamma, beta, mean, var = self.weights
        return gamma * (x - mean) / np.sqrt(var + self.kwargs["epsilon"]) + beta


class ReLU(Layer):
    def __call__(self, x):
        return np.maximum(x, 0)


class LeakyReLU(Layer):
    def __call__(self, x):
        return np.where(x > 0, x, self.args[0] * x)


class ELU(Layer):
    def __call__(self, x):
        return np.where(x > 0, x, self.args[0] * (np.exp(x) - 1))


class Softmax(Layer):
    def __call__(self, x):
        e = np.exp(x - x.max(-1, keepdims=True))
        return e / e.sum(-1, keepdims=True)


class Activation(Layer):
    def __call__(self, x):
        f = self.args[0]
        if callable(f):
            return f(x)
        named = {"sigmoid": lambda v: 1 / (1 + np.exp(-v)), "tanh": np.tanh, "swish": lambda v: v / (1 + np.exp(-v)), "linear": lambda v: v}
        return named[f](x)
