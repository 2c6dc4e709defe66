#!/usr/bin/env python3
"""pyodps as a MaxCompute client: uploads and commits one partition through the Tunnel (used by
tests/integration/tst_maxcompute_pyodps.cpp against kmsync's test server).

Usage: upload_to_server.py <service-endpoint> <project> <access-id> <access-key> <table> <partition>
Prints one JSON line {"uploadId": ..., "records": n} on success; exits 1 with the error on stderr otherwise.
"""
import datetime as dt
import json
import os
import sys
import time

os.environ["TZ"] = "UTC"
time.tzset()

from odps import ODPS, options  # noqa: E402
from odps.tunnel import TableTunnel  # noqa: E402

options.local_timezone = False

ROWS = [
    [1, "a", 1.5, dt.datetime(2022, 11, 22, 0, 0, 0), True],
    [None, None, None, None, None],
    [-9223372036854775807, "中文字符", -0.5, dt.datetime(1969, 12, 31, 23, 59, 59), False],
    [9223372036854775807, "", 1e300, dt.datetime(9999, 12, 31, 23, 59, 59), True],
]


def main():
    endpoint, project, access_id, access_key, table, partition = sys.argv[1:7]
    odps = ODPS(access_id, access_key, project, endpoint=endpoint)
    tunnel = TableTunnel(odps)
    session = tunnel.create_upload_session(table, partition_spec=partition)
    with session.open_record_writer(0) as writer:
        for values in ROWS:
            record = session.new_record(values)
            writer.write(record)
    session.commit([0])
    print(json.dumps({"uploadId": session.id, "records": len(ROWS)}))


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # noqa: BLE001 - report any SDK error to the test
        print("upload_to_server.py: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        sys.exit(1)
