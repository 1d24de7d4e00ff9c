"""The rows of a small table as plain dicts, quickly: what the per-story views and finders loop over.

``DataFrame.to_dict("records")`` costs about 0.35 ms even for a story's twenty markers (it walks the
table row by row and boxes every value); a corpus asks for such rows tens of thousands of times. Read
column by column, the same dicts cost a tenth of that.
"""

from __future__ import annotations

import pandas as pd
from pandas.api.types import is_object_dtype
from pandas.core.dtypes.cast import maybe_box_native


def records(table: pd.DataFrame) -> list[dict]:
    """``table.to_dict("records")``: the same dicts, values and types, read a column at a time.

    Text and other object columns, and pandas' own column types, are boxed as ``to_dict`` boxes them
    (a missing value of a nullable column is ``None``); numbers and truth values are Python's own.

    >>> table = pd.DataFrame({"a": [1, 2], "b": ["x", None], "c": pd.array([3, None], dtype="Int64")})
    >>> records(table)
    [{'a': 1, 'b': 'x', 'c': 3}, {'a': 2, 'b': None, 'c': None}]
    >>> records(table) == table.to_dict("records")
    True
    """
    names = table.columns.tolist()
    if not names or len(set(names)) < len(names):  # no columns, or repeated names: as pandas does it
        return table.to_dict("records")
    columns = []
    for _, column in table.items():  # a third of the cost of ``iloc[:, position]`` per column
        if is_object_dtype(column.dtype) or isinstance(column.dtype, pd.api.extensions.ExtensionDtype):
            columns.append([maybe_box_native(value) for value in column.tolist()])
        elif column.dtype.kind in "biuf":
            columns.append(column.tolist())
        else:  # dates and durations: as the table gives them one at a time
            columns.append(list(column))
    return [dict(zip(names, row)) for row in zip(*columns)]
