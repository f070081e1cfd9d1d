"""Hugging Face `Features` derived from the pydantic release-row models, and Arrow tables that match them.

Nothing is restated by hand: a field's Python type decides its feature (an enum becomes a `ClassLabel` whose
names are the members in declaration order, a typed dict a struct, `X | None` a nullable `X`). Adding a field
to a model therefore adds a column to the release, with no second list to keep in step.

Rows are handed to Arrow with labels as their names (a `StrEnum` is a `str`), and `rows_to_table` turns every
`ClassLabel` column, nested ones included, into label indexes with one vectorised `index_in` per column: a
release of 100,000 documents has millions of labels (every paragraph has a `kind`), and a Python call per
label would cost more than writing the Parquet files.
"""

from __future__ import annotations

import datetime
import types
from enum import Enum
from typing import Annotated, Any, Union, get_args, get_origin

import pyarrow as pa
import pyarrow.compute as pc
from datasets import ClassLabel, Features, List, Value
from pydantic import AwareDatetime, BaseModel
from typing_extensions import get_type_hints, is_typeddict

SCALARS: dict[type, str] = {str: "string", int: "int64", float: "float64", bool: "bool"}
TIMESTAMP = "timestamp[us, tz=UTC]"


def model_features(model: type[BaseModel]) -> Features:
    """The features of a release config: one per model field, in the model's field order."""
    return Features({name: _feature(info.annotation) for name, info in model.model_fields.items()})


def rows_to_table(rows: list[dict], features: Features) -> pa.Table:
    """An Arrow table with exactly `features.arrow_schema` (ClassLabel as int64 indexes, the Hugging Face
    metadata attached) from rows of Python values shaped like the row model; absent keys become null.

    Raises ValueError naming the column when a label is not one of its ClassLabel's names."""
    names = list(features)
    staged = pa.Table.from_pylist(rows, schema=_names_schema(features))
    columns = [_encode(staged.column(name).combine_chunks(), features[name], name) for name in names]
    return pa.Table.from_arrays(columns, schema=features.arrow_schema)


def _names_schema(features: Features) -> pa.Schema:
    """The features' Arrow schema with every ClassLabel stored as its name (a string)."""
    return pa.schema([pa.field(name, _names_type(feature)) for name, feature in features.items()])


def _names_type(feature: Any) -> pa.DataType:
    if isinstance(feature, ClassLabel):
        return pa.string()
    if isinstance(feature, List):
        return pa.list_(_names_type(feature.feature))
    if isinstance(feature, dict):
        return pa.struct([pa.field(name, _names_type(inner)) for name, inner in feature.items()])
    return feature()


def _encode(array: pa.Array, feature: Any, where: str) -> pa.Array:
    if isinstance(feature, ClassLabel):
        codes = pc.index_in(array, value_set=pa.array(feature.names))
        if codes.null_count != array.null_count:
            unknown = pc.filter(array, pc.and_(pc.is_null(codes), pc.is_valid(array)))[0].as_py()
            raise ValueError(f"{where}: {unknown!r} is not a label of {feature.names}")
        return codes.cast(pa.int64())
    if isinstance(feature, List):
        values = _encode(array.values, feature.feature, f"{where}[]")
        return pa.ListArray.from_arrays(array.offsets, values, mask=array.is_null() if array.null_count else None)
    if isinstance(feature, dict):
        children = [_encode(array.field(name), inner, f"{where}.{name}") for name, inner in feature.items()]
        return pa.StructArray.from_arrays(
            children, names=list(feature), mask=array.is_null() if array.null_count else None
        )
    return array


def _strip(annotation: Any) -> Any:
    """The type under `Annotated[...]` and `X | None` (nullability is the column's, not the feature's)."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            options = [arg for arg in get_args(annotation) if arg is not type(None)]
            if len(options) != 1:
                raise TypeError(f"cannot map a union of several types to one feature: {annotation}")
            annotation = options[0]
        else:
            return annotation


def _feature(annotation: Any) -> Any:
    annotation = _strip(annotation)
    if get_origin(annotation) is list:
        return List(_feature(get_args(annotation)[0]))
    if is_typeddict(annotation):
        return {name: _feature(hint) for name, hint in get_type_hints(annotation).items()}
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return ClassLabel(names=[member.value for member in annotation])
    if annotation in (datetime.datetime, AwareDatetime):
        return Value(TIMESTAMP)
    if annotation in SCALARS:
        return Value(SCALARS[annotation])
    raise TypeError(f"no Hugging Face feature for {annotation!r}")
