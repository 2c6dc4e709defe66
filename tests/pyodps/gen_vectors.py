#!/usr/bin/env python3
"""Reference vectors from pyodps (the official Python SDK) for kmsync's unit tests.

Writes one JSON file with
  * "block" / "blockCython": the Tunnel record stream (uncompressed) that pyodps' own record writer (odps.tunnel.io.writer
    BaseRecordWriter, the class TableUploadSession.open_record_writer uses) produces for a table covering every
    type kmsync writes, with NULLs, empty and non-ASCII strings, BIGINT extremes, negative/fractional DOUBLE and
    DECIMAL, DATETIME/DATE/TIMESTAMP around the epoch and in far years, BOOLEAN and BINARY;
  * "signatures": Authorization headers pyodps' accounts compute for fixed requests (v2, STS, v4).

Cells are given in kmsync's own terms (epoch ms, epoch days, seconds+nanos, plain decimal text, base64 bytes) and
converted to Python objects here, so the C++ test can rebuild the same rows. Output is deterministic.
Usage: gen_vectors.py <out.json>
"""
import base64
import datetime as dt
import io
import json
import os
import sys
import time

os.environ["TZ"] = "UTC"
time.tzset()

import pandas as pd  # noqa: E402  (TIMESTAMP values are pandas Timestamps in pyodps)
import requests  # noqa: E402

import odps  # noqa: E402
from odps import accounts, options, types  # noqa: E402
from odps.compat import Decimal  # noqa: E402
import importlib  # noqa: E402

import odps.tunnel.io.writer as writer_module  # noqa: E402

# pyodps ships two record writers: a Cython one (the default) and a pure-Python one (options.force_py). They
# differ in one detail: the Cython encoder writes a record/block CRC >= 2^31 as a 10-byte sign-extended varint,
# the Python one (and Java's writeUInt32) as a 5-byte unsigned varint. Both decode to the same values.
CythonRecordWriter = writer_module.BaseRecordWriter
options.force_py = True
PythonRecordWriter = importlib.reload(writer_module).BaseRecordWriter
options.force_py = False

options.local_timezone = False  # DATETIME as UTC epoch milliseconds (kmsync writes true UTC)
options.allow_antique_date = True  # year-1 DATETIME values are part of the vectors
options.tunnel.string_as_binary = True  # BINARY cells are arbitrary bytes (STRING cells are encoded as UTF-8)

SCHEMA = [
    ("c_bigint", "bigint"),
    ("c_double", "double"),
    ("c_decimal", "decimal(38,18)"),
    ("c_boolean", "boolean"),
    ("c_string", "string"),
    ("c_datetime", "datetime"),
    ("c_date", "date"),
    ("c_timestamp", "timestamp"),
    ("c_binary", "binary"),
    ("c_int", "int"),
    ("c_smallint", "smallint"),
    ("c_tinyint", "tinyint"),
    ("c_float", "float"),
    ("c_varchar", "varchar(20)"),
]

# One list per record, kmsync terms. int64 as strings (JSON numbers lose precision).
RECORDS = [
    ["9223372036854775807", -0.5, "12345678901234567890.123456789012345678", True, "中文字符 ✓", "0", "0",
     ["0", 0], "AP8=", "2147483647", "32767", "127", 1.5, "vc"],
    ["-9223372036854775807", -1.7976931348623157e308, "-0.000001", False, "", "-1", "-1",
     ["-1", 0], "", "-2147483648", "-32768", "-128", -0.25, ""],
    ["0", 3.141592653589793, "0", True, "a,b\"c\nd", "253402300799999", "2932896",
     ["253402300799", 123456000], "YmluYXJ5", "0", "0", "0", 0.0, "x"],
    ["-1", 5e-324, "-99.5", False, "€ 😀", "-62135596800000", "-719162",
     ["-62135596800", 1000], "AAECAwQ=", "7", "-1", "-1", 1e10, "é"],
    ["1669046400000", -0.0, "1.10", True, "abc", "1669046400000", "19318",
     ["1669046400", 123000000], "", "-7", "1", "1", -3.0, "ds"],
    [None] * 14,
    ["5", None, None, None, "only two", None, None, None, None, None, None, None, None, None],
]

# Not in the vectors: a TIMESTAMP before the epoch with a fraction (e.g. -1 ns). pyodps truncates its milliseconds
# toward zero and writes (0 s, 999999999 ns), i.e. +0.999999999 s; kmsync writes floor seconds with nanos in
# [0, 1e9) (-1 s, 999999999 ns), the value the type means.

EPOCH = dt.datetime(1970, 1, 1)


def to_python(value, type_name):
    if value is None:
        return None
    if type_name in ("bigint", "int", "smallint", "tinyint"):
        return int(value)
    if type_name in ("double", "float"):
        return float(value)  # RECORDS holds floats; the JSON output holds their repr()
    if type_name.startswith("decimal"):
        return Decimal(value)
    if type_name == "boolean":
        return bool(value)
    if type_name == "string" or type_name.startswith("varchar"):
        return value
    if type_name == "binary":
        return base64.b64decode(value)
    if type_name == "datetime":
        return EPOCH + dt.timedelta(milliseconds=int(value))
    if type_name == "date":
        return (EPOCH + dt.timedelta(days=int(value))).date()
    if type_name == "timestamp":
        seconds, nanos = int(value[0]), int(value[1])
        base = pd.Timestamp(EPOCH + dt.timedelta(seconds=seconds))
        if nanos % 1000 == 0:  # far years: pandas keeps microsecond resolution there (ns covers 1677..2262)
            return pd.Timestamp(EPOCH + dt.timedelta(seconds=seconds, microseconds=nanos // 1000))
        return base + pd.Timedelta(nanoseconds=nanos)
    raise ValueError(type_name)


def block(writer_class):
    schema = odps.models.TableSchema.from_lists([n for n, _ in SCHEMA], [t for _, t in SCHEMA])
    out = io.BytesIO()
    writer = writer_class(schema, out)
    for cells in RECORDS:
        record = odps.models.Record(schema=schema)
        for i, ((name, type_name), v) in enumerate(zip(SCHEMA, cells)):
            record[i] = to_python(v, type_name)
        writer.write(record)
    writer.close()
    return out.getvalue()


DATE = "Tue, 22 Nov 2022 08:00:00 GMT"
SIG_REQUESTS = [
    # (method, endpoint, url after the endpoint, extra headers)
    ("PUT", "https://dt.cn-shanghai.maxcompute.aliyun.com",
     "/projects/my_project/tables/kafka_events?uploadid=20221122160000abcdef&blockid=0&partition=ds%3D2022112200&curr_project=my_project",
     {"Content-Type": "application/octet-stream", "x-odps-tunnel-version": "6", "Content-Encoding": "deflate"}),
    ("POST", "https://dt.cn-shanghai.maxcompute.aliyun.com",
     "/projects/my_project/tables/kafka_events?uploads&partition=ds%3D2022112200%2Chh%3D10&overwrite=true&curr_project=my_project",
     {"x-odps-tunnel-version": "6", "Content-Type": "application/octet-stream"}),
    ("GET", "https://service.cn-shanghai.maxcompute.aliyun.com/api",
     "/projects/my_project/tunnel?service&curr_project=my_project", {}),
    ("POST", "https://service.cn-shanghai.maxcompute.aliyun.com/api",
     "/projects/my_project/instances?curr_project=my_project",
     {"Content-Type": "application/xml", "Content-MD5": "0123456789abcdef0123456789abcdef",
      "x-odps-user-agent": "kmsync/0.1.0"}),
    ("GET", "https://service.cn-shanghai.maxcompute.aliyun.com/api",
     "/projects/my_project/tables/kafka_events?partition=ds%3D%272022112200%27&curr_project=my_project", {}),
    ("GET", "http://127.0.0.1:8080/api",
     "/projects/p_1/tables?expectmarker=true&marker=abc%2Fdef&x-odps-extra=1", {"X-ODPS-Other": "Z"}),
]


def signatures():
    out = []
    fixed_day = dt.datetime(2022, 11, 22, 8, 0, 0)
    accounts.datetime_utcnow = lambda: fixed_day  # v4 signs the current UTC day; fix it
    for kind in ("v2", "sts", "v4"):
        for method, endpoint, rest, extra in SIG_REQUESTS:
            headers = {"Date": DATE}
            headers.update(extra)
            req = requests.Request(method, endpoint + rest, headers=headers).prepare()
            req.url = endpoint + rest  # keep the URL exactly as written
            if kind == "sts":
                account = accounts.StsAccount("test-ak", "test-sk", "sts-token-1")
                account.sign_request(req, endpoint)
            elif kind == "v4":
                account = accounts.CloudAccount("test-ak", "test-sk")
                account.sign_request(req, endpoint, region_name="cn-shanghai")
            else:
                account = accounts.CloudAccount("test-ak", "test-sk")
                account.sign_request(req, endpoint)
            entry = {
                "kind": kind,
                "method": method,
                "endpoint": endpoint,
                "url": endpoint + rest,
                "headers": {k: v for k, v in headers.items()},
                "authorization": req.headers["Authorization"],
            }
            if kind == "sts":
                entry["stsTokenHeader"] = req.headers.get("authorization-sts-token")
            out.append(entry)
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen_vectors.py <out.json>")
    data_cython = block(CythonRecordWriter)
    data = block(PythonRecordWriter)
    doc = {
        "generator": "tests/pyodps/gen_vectors.py",
        "pyodps": odps.__version__,
        "schema": [{"name": n, "type": t} for n, t in SCHEMA],
        # DOUBLE/FLOAT cells as repr() strings: JSON parsers may drop the sign of -0.0
        "records": [[repr(v) if isinstance(v, float) else v for v in r] for r in RECORDS],
        "block": data.hex(),
        "blockWriter": PythonRecordWriter.__module__ + "." + PythonRecordWriter.__name__,
        "blockCython": data_cython.hex(),
        "blockCythonWriter": CythonRecordWriter.__module__ + "." + CythonRecordWriter.__name__,
        "signatures": signatures(),
    }
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
