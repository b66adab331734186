/**
 * Python (standard library only) that turns a CSV file into the network's inputs and targets as the lab does:
 * the fitted preprocessor's scales, fills, yes/no words, one-hot categories and class order
 * (src-core/data/preprocess/apply-preprocessor.ts). Reads the constants PREPROCESS, TASK, INPUT_SHAPE and
 * TARGET_WIDTH that the script defines before it.
 */
export const pythonData = String.raw`
MISSING = {"", "na", "n/a", "nan", "null", "none", "?", "-"}


class DataError(Exception):
    pass


def read_csv(path):
    """(header, rows, line numbers, delimiter) of a CSV file: delimiter , ; tab or | (the most frequent in the header)."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        text = f.read()
    first = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t", "|"], key=first.count)
    rows, lines = [], []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = None
    for row in reader:
        if header is None:
            header = [h.strip() for h in row]
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise DataError(f"{path}:{reader.line_num}: {len(row)} fields but the header has {len(header)}")
        rows.append(row)
        lines.append(reader.line_num)
    if header is None:
        raise DataError(f"{path}: the file is empty")
    return header, rows, lines, delimiter


def is_missing(text):
    return text.strip().lower() in MISSING


def parse_number(text, delimiter, where):
    t = text.strip()
    if delimiter == ";":
        t = t.replace(",", ".")
    try:
        return float(t)
    except ValueError:
        raise DataError(f'{where}: "{text}" is not a number') from None


def label_key(text):
    """Labels compare as the lab's do: "1", "1.0" and 1 are the same label."""
    t = str(text).strip()
    try:
        return repr(float(t))
    except ValueError:
        return t


def column_index(header, name, path):
    if name not in header:
        raise DataError(f'{path}: no column "{name}" (the model was trained with it)')
    return header.index(name)


def encode_features(path, header, rows, lines, delimiter, on_missing):
    """(x rows as lists of floats, indices of the rows kept). on_missing: 'fail' (predict) or 'drop' (eval, train)."""
    if PREPROCESS is None:
        width = math.prod(INPUT_SHAPE)
        columns = list(range(width))
        kept, xs = [], []
        for r, row in enumerate(rows):
            cells = [row[c] for c in columns]
            if any(is_missing(c) for c in cells):
                if on_missing == "fail":
                    raise DataError(f"{path}:{lines[r]}: a missing value (this model has no fill for it)")
                continue
            xs.append([parse_number(c, delimiter, f"{path}:{lines[r]}:{i + 1}") for i, c in enumerate(cells)])
            kept.append(r)
        return xs, kept
    plan = []
    for f in PREPROCESS["features"]:
        if f["kind"] == "pixels":
            plan.append((f, [column_index(header, c, path) for c in f["columns"]]))
        else:
            plan.append((f, [column_index(header, f["column"], path)]))
    kept, xs, unseen = [], [], 0
    for r, row in enumerate(rows):
        x, drop = [], False
        for f, cols in plan:
            kind = f["kind"]
            if kind == "pixels":
                x.extend(parse_number(row[c], delimiter, f"{path}:{lines[r]}:{c + 1}") / f["pixelScale"] for c in cols)
                continue
            c = cols[0]
            cell = row[c]
            missing = is_missing(cell)
            if missing and f["fill"] is None:
                drop = True
                break
            if kind == "numeric":
                v = f["fill"] if missing else parse_number(cell, delimiter, f"{path}:{lines[r]}:{c + 1}")
                x.append((v - f["offset"]) / f["scale"])
            elif kind == "boolean":
                word = cell.strip().lower()
                x.append(float(f["fill"]) if missing else 1.0 if word == f["trueWord"].strip().lower() else 0.0)
            else:
                value = f["fill"] if missing else cell
                hot = [1.0 if value == k else 0.0 for k in f["categories"]]
                unseen += 0 if any(hot) else 1
                x.extend(hot)
        if drop:
            if on_missing == "fail":
                raise DataError(f"{path}:{lines[r]}: a missing value in a column without a fill")
            continue
        xs.append(x)
        kept.append(r)
    if unseen:
        print(f"{path}: {unseen} values of categories never seen in training (encoded as all zeros)", file=sys.stderr)
    return xs, kept


def target_spec(header):
    """(task, target columns, class names or None)."""
    if PREPROCESS is not None:
        t = PREPROCESS["target"]
        return t["task"], t["columns"], t.get("classes")
    return TASK, header[-TARGET_WIDTH:], None


def encode_targets(path, header, rows, lines, delimiter, kept):
    """(targets per kept row, the rows kept): a class index for classification, else a list of values."""
    task, columns, classes = target_spec(header)
    cols = [column_index(header, c, path) for c in columns]
    index = {label_key(c): i for i, c in enumerate(classes)} if classes is not None else None
    ys, still = [], []
    for k, r in enumerate(kept):
        cells = [rows[r][c] for c in cols]
        if any(is_missing(c) for c in cells):
            continue
        if task == "classification":
            if index is None:
                y = int(parse_number(cells[0], delimiter, f"{path}:{lines[r]}:{cols[0] + 1}"))
            else:
                y = index.get(label_key(cells[0]))
                if y is None:
                    continue
        else:
            y = [parse_number(c, delimiter, f"{path}:{lines[r]}:{cols[i] + 1}") for i, c in enumerate(cells)]
        ys.append(y)
        still.append(k)
    dropped = len(kept) - len(still)
    if dropped:
        print(f"{path}: {dropped} rows left out (missing or unknown target)", file=sys.stderr)
    return ys, still


def encoded_rows(path, with_targets, on_missing):
    """(inputs per row, targets per row or None) of a CSV file, rows without a usable target left out."""
    header, rows, lines, delimiter = read_csv(path)
    xs, kept = encode_features(path, header, rows, lines, delimiter, on_missing)
    ys = None
    if with_targets:
        ys, still = encode_targets(path, header, rows, lines, delimiter, kept)
        xs = [xs[k] for k in still]
    return xs, ys
`;
