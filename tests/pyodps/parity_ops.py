#!/usr/bin/env python3
"""pyodps (the official Python SDK) performing one MaxCompute operation through its ordinary public API, so that
tests/integration/tst_maxcompute_parity.cpp can capture on kmsync's test server which requests pyodps sends for it
and compare them with kmsync's. tests/javasdk/SdkPeer.java does the same operations with the Java SDK; keep the
operation names and arguments of the two in step.

Usage: parity_ops.py ENDPOINT TUNNEL_ENDPOINT PROJECT ACCESS_ID ACCESS_KEY OP [ARGS...]
  TUNNEL_ENDPOINT: "-" lets the SDK discover it (GET /projects/p/tunnel?service).
  OP: list_tables | table_schema TABLE | partition_exists TABLE SPEC | add_partition TABLE SPEC | run_sql SQL
      | query SQL | tunnel_endpoint | upload TABLE SPEC | upload_overwrite TABLE SPEC
      | upload_new_partition TABLE SPEC (SPEC does not exist yet: the session is asked to create it)
Prints one JSON line with the operation's result; exits 1 with the SDK's error on stderr.
"""
import json
import os
import sys
import time

os.environ["TZ"] = "UTC"
time.tzset()

from odps import ODPS, options  # noqa: E402
from odps.tunnel import TableTunnel  # noqa: E402

# Exactly one attempt per request: a retry would show up as a second request and blur the comparison.
options.retry_times = 0

# Rows for the upload operations; the table is `id BIGINT, s STRING` (partitioned by ds STRING).
ROWS = [[1, "a"], [2, "中文"], [None, None]]


def upload(odps, tunnel_endpoint, table, spec, overwrite, create_partition=False):
    tunnel = TableTunnel(odps, endpoint=tunnel_endpoint)
    session = tunnel.create_upload_session(
        table, partition_spec=spec, overwrite=overwrite, create_partition=create_partition
    )
    with session.open_record_writer(0) as writer:
        for values in ROWS:
            writer.write(session.new_record(values))
    session.commit([0])
    return {"uploadId": session.id, "records": len(ROWS)}


def main(argv):
    endpoint, tunnel_endpoint, project, access_id, access_key, op = argv[1:7]
    args = argv[7:]
    tunnel_endpoint = None if tunnel_endpoint == "-" else tunnel_endpoint
    odps = ODPS(access_id, access_key, project, endpoint=endpoint, tunnel_endpoint=tunnel_endpoint)
    if op == "list_tables":
        return sorted(t.name for t in odps.list_tables())
    if op == "table_schema":
        table = odps.get_table(args[0])
        table.reload()
        return {"columns": [[c.name, str(c.type)] for c in table.table_schema.simple_columns],
                "partitionKeys": [[c.name, str(c.type)] for c in table.table_schema.partitions]}
    if op == "partition_exists":
        return odps.get_table(args[0]).exist_partition(args[1])
    if op == "add_partition":
        odps.get_table(args[0]).create_partition(args[1], if_not_exists=True)
        return True
    if op == "run_sql":
        odps.execute_sql(args[0])
        return True
    if op == "query":
        # tunnel=False: read the result through GET ...?result (CSV), the way kmsync reads it, not through the
        # instance tunnel (which kmsync does not use).
        with odps.execute_sql(args[0]).open_reader(tunnel=False) as reader:
            return [[None if v is None else str(v) for v in record.values] for record in reader]
    if op == "tunnel_endpoint":
        return TableTunnel(odps).tunnel_rest.endpoint
    if op in ("upload", "upload_overwrite"):
        return upload(odps, tunnel_endpoint, args[0], args[1], op == "upload_overwrite")
    if op == "upload_new_partition":
        return upload(odps, tunnel_endpoint, args[0], args[1], False, create_partition=True)
    raise ValueError("unknown operation %r" % op)


if __name__ == "__main__":
    try:
        print(json.dumps(main(sys.argv), ensure_ascii=False))
    except Exception as e:  # noqa: BLE001 - report any SDK error to the test
        print("parity_ops.py: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        sys.exit(1)
