#!/usr/bin/python3
"""Writes the bundled datasets in resources/datasets as plain CSV: a header of snake_case names and a
named target column holding class names. Source: the copies scikit-learn ships (Debian: python3-sklearn).
Run from the repository root with Debian's Python: /usr/bin/python3 scripts/make-bundled-datasets.py"""
import csv
import os
import re

from sklearn.datasets import load_breast_cancer, load_digits, load_iris, load_wine

OUT = os.path.join('resources', 'datasets')


def snake(name):
    return re.sub(r'_+', '_', re.sub(r'[^0-9a-zA-Z/]+', '_', name.strip())).strip('_').lower()


def number(value):
    # Integers without a trailing .0; floats in their shortest round-trip form.
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def write(file_name, feature_names, data, target_name, target, target_names):
    path = os.path.join(OUT, file_name)
    with open(path, 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow([*feature_names, target_name])
        for row, t in zip(data, target):
            w.writerow([*(number(v) for v in row), target_names[t]])
    print(f'{path}: {len(target)} rows, {len(feature_names)} features')


os.makedirs(OUT, exist_ok=True)
iris = load_iris()
write('iris.csv', [snake(n) for n in iris.feature_names], iris.data, 'species', iris.target, list(iris.target_names))
wine = load_wine()
write('wine.csv', [snake(n) for n in wine.feature_names], wine.data, 'class', wine.target, list(wine.target_names))
cancer = load_breast_cancer()
write('breast-cancer.csv', [snake(n) for n in cancer.feature_names], cancer.data, 'diagnosis', cancer.target, list(cancer.target_names))
digits = load_digits()
write('digits.csv', [f'pixel_{r}_{c}' for r in range(8) for c in range(8)], digits.data, 'label', digits.target, [str(d) for d in range(10)])
